/**
 * Parameters: the JSON Schema of a version (parsing, checking it against its meta-schema, finding
 * which names it declares and their defaults), merging values (schema defaults &lt; version defaults
 * &lt; supplied values), validating them, and looking names up, built-ins ({@code berth.*}) included.
 */
package io.berth.template.internal.params;
