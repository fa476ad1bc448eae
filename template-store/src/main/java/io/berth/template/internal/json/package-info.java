/**
 * Jackson set-up shared by the template store: the YAML and JSON mappers with their fixed
 * configuration, the conservative quoting rule for YAML output, canonical (key-sorted) JSON, and
 * JSON-path strings for problem reports.
 */
package io.berth.template.internal.json;
