package io.berth.server.applications;

import java.util.Map;

/**
 * Targets chosen by cluster labels: every registered cluster the selector matches, in one namespace.
 * Resolved whenever a revision is made (deploy, upgrade) and the result recorded in the revision.
 */
public record ClusterSelectorSpec(String labelSelector, String namespace, Map<String, Object> values) {

    public ClusterSelectorSpec {
        values = values == null ? Map.of() : values;
    }
}
