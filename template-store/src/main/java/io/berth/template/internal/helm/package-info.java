/**
 * Helm chart content: the chart archive read and checked in memory ({@code ChartArchive}, with a
 * small tar reader on the JDK's gzip), unpacked to a temporary directory per call
 * ({@code ChartWorkspace}), Helm itself run in a worker process ({@code pool}, {@code worker}: Helm's
 * Go library is never loaded in Berth's JVM), Helm's messages turned into problems
 * ({@code HelmMessages}) and Helm's output read back into manifests that share the rules, apply
 * order and YAML writer of Simple content ({@code HelmOutput}).
 */
package io.berth.template.internal.helm;
