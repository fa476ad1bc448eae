package io.berth.server.projects;

import io.berth.cluster.LabelSelector;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Where a project's applications may go: the clusters, by names (or globs) or by a label selector, and
 * the namespaces on them, by names (or globs). A target is allowed when one of the project's destinations
 * matches both its cluster and its namespace.
 *
 * @param clusters        cluster names or globs ({@code prod-*}, {@code *}); or null when {@code clusterSelector} is given
 * @param clusterSelector a label selector over the clusters' labels ({@code env=prod,tier in (db)}); or null
 * @param namespaces      namespace names or globs ({@code team-a}, {@code team-a-*})
 */
public record Destination(
        @Schema(description = "Cluster names or globs (`*` any run, `?` one character); or null with `clusterSelector`")
        List<String> clusters,
        @Schema(description = "A label selector over the clusters' labels; or null with `clusters`", example = "env=prod")
        String clusterSelector,
        @Schema(description = "Namespace names or globs", example = "[\"team-a\", \"team-a-*\"]")
        List<String> namespaces) {

    /** Whether this destination takes a target on {@code cluster} (with its labels) in {@code namespace}. */
    boolean allows(String cluster, Map<String, String> clusterLabels, String namespace) {
        boolean clusterMatches = clusters != null
                ? clusters.stream().anyMatch(pattern -> new NamePattern(pattern).matches(cluster))
                : LabelSelector.parse(clusterSelector).matches(clusterLabels);
        return clusterMatches && namespaces.stream().anyMatch(pattern -> new NamePattern(pattern).matches(namespace));
    }
}
