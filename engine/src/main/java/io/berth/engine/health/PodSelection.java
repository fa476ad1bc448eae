package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which pods belong to a built-in workload, from object trees. Pure. */
public final class PodSelection {

    private PodSelection() {
    }

    /** The workload's {@code spec.selector.matchLabels} (empty when it has none). */
    public static Map<String, String> matchLabels(Map<String, Object> workload) {
        Map<String, String> selector = new LinkedHashMap<>();
        if (Workloads.valueAt(workload, "spec.selector.matchLabels") instanceof Map<?, ?> labels) {
            labels.forEach((k, v) -> selector.put(String.valueOf(k), String.valueOf(v)));
        }
        return selector;
    }

    /**
     * Whether the pod is the workload's: its labels match the selector, and, when the pod names a
     * controlling owner and the workload is a StatefulSet, it is that StatefulSet (two StatefulSets with
     * overlapping selectors do not share pods). A Deployment's pods are owned by its ReplicaSets, so
     * for Deployments the selector decides.
     */
    public static boolean selects(Map<String, Object> workload, Map<String, Object> pod) {
        Map<String, String> selector = matchLabels(workload);
        if (selector.isEmpty() || !Objects.equals(Workloads.valueAt(workload, "metadata.namespace"),
                Workloads.valueAt(pod, "metadata.namespace"))) {
            return false;
        }
        Object labels = Workloads.valueAt(pod, "metadata.labels");
        if (!(labels instanceof Map<?, ?> podLabels)) {
            return false;
        }
        for (Map.Entry<String, String> wanted : selector.entrySet()) {
            if (!wanted.getValue().equals(podLabels.get(wanted.getKey()))) {
                return false;
            }
        }
        return isOwnedBy(pod, workload);
    }

    /** False only when a StatefulSet's pod names another controlling owner. */
    static boolean isOwnedBy(Map<String, Object> pod, Map<String, Object> workload) {
        if (!"StatefulSet".equals(workload.get("kind")) || !(Workloads.valueAt(pod, "metadata.ownerReferences") instanceof List<?> owners)) {
            return true;
        }
        Object uid = Workloads.valueAt(workload, "metadata.uid");
        for (Object owner : owners) {
            if (owner instanceof Map<?, ?> ref && Boolean.TRUE.equals(ref.get("controller"))) {
                return uid == null || uid.equals(ref.get("uid"));
            }
        }
        return true;
    }
}
