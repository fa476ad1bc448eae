/**
 * From parsed trees to manifests: putting values in place of markers (typed, or as text; never as
 * YAML), the rules every manifest must follow (apiVersion, kind, DNS-1123 names, no duplicates),
 * the checks of workload hints, apply order, and the fixed YAML output.
 */
package io.berth.template.internal.render;
