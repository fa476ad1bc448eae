package io.berth.server.applications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a revision needs to be rendered again byte for byte: the template version, the common
 * values, the resolved targets (and the selector some came from), the replica overrides, and whether
 * namespaces are created.
 */
public record ApplicationSpec(String templateSet, String version, Map<String, Object> values, List<Target> targets,
                              ClusterSelectorSpec clusterSelector, List<ReplicaOverride> replicaOverrides,
                              boolean createNamespace) {

    public ApplicationSpec {
        values = values == null ? Map.of() : values;
        targets = targets == null ? List.of() : List.copyOf(targets);
        replicaOverrides = replicaOverrides == null ? List.of() : List.copyOf(replicaOverrides);
    }

    /** The values of one target: the common ones, deep-merged with the target's own (which win). */
    public Map<String, Object> valuesFor(Target target) {
        return merge(values, target.values());
    }

    /** The overridden replica count of a workload on a cluster, or null; a cluster's own override wins. */
    public Integer replicasFor(String workload, String cluster) {
        Integer all = null;
        for (ReplicaOverride o : replicaOverrides) {
            if (o.workload().equals(workload)) {
                if (cluster.equals(o.cluster())) {
                    return o.replicas();
                }
                if (o.cluster() == null) {
                    all = o.replicas();
                }
            }
        }
        return all;
    }

    /**
     * This spec with a new override: scaling on every cluster replaces all earlier overrides of the
     * workload, scaling on some clusters replaces theirs.
     */
    public ApplicationSpec withReplicas(String workload, List<String> clusters, int replicas) {
        List<ReplicaOverride> next = new ArrayList<>();
        for (ReplicaOverride o : replicaOverrides) {
            boolean replaced = o.workload().equals(workload)
                    && (clusters == null || (o.cluster() != null && clusters.contains(o.cluster())));
            if (!replaced) {
                next.add(o);
            }
        }
        if (clusters == null) {
            next.add(new ReplicaOverride(workload, null, replicas));
        } else {
            clusters.forEach(c -> next.add(new ReplicaOverride(workload, c, replicas)));
        }
        return new ApplicationSpec(templateSet, version, values, targets, clusterSelector, next, createNamespace);
    }

    public ApplicationSpec withTargets(List<Target> resolved) {
        return new ApplicationSpec(templateSet, version, values, resolved, clusterSelector, replicaOverrides, createNamespace);
    }

    /** Maps merge key by key, recursively; anything else (lists too) is replaced by the override. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = merged.get(key);
            if (current instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                merged.put(key, merge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
