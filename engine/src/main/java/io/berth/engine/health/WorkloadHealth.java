package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The rules for the built-in workloads, StatefulSets and Deployments, with their pods. Pure. */
final class WorkloadHealth {

    private WorkloadHealth() {
    }

    /**
     * Degraded when one of its pods cannot start (crash loop, image that cannot be pulled...);
     * Suspended when scaled to zero and no replica is left; Progressing until its controller has
     * observed the latest generation and {@code readyReplicas}, {@code updatedReplicas} and
     * {@code replicas} all equal {@code spec.replicas} (and, with RollingUpdate and no partition,
     * {@code currentRevision} equals {@code updateRevision}); Healthy then.
     */
    static Assessment statefulSet(Map<String, Object> live, List<Map<String, Object>> pods) {
        Assessment early = podsOrScaledToZero(live, pods);
        if (early != null) {
            return early;
        }
        int wanted = Conditions.intAt(live, "spec.replicas", 1);
        int ready = Conditions.intAt(live, "status.readyReplicas", 0);
        int updated = Conditions.intAt(live, "status.updatedReplicas", 0);
        int current = Conditions.intAt(live, "status.replicas", 0);
        if (ready != wanted || updated != wanted || current != wanted) {
            return Assessment.progressing(ready + " of " + wanted + " replicas ready, " + updated + " updated, "
                    + current + " exist");
        }
        if (rollsOutCompletely(live) && !Objects.equals(Workloads.valueAt(live, "status.currentRevision"),
                Workloads.valueAt(live, "status.updateRevision"))) {
            return Assessment.progressing("rolling update to revision " + Workloads.valueAt(live, "status.updateRevision")
                    + " in progress");
        }
        return Assessment.healthy();
    }

    /**
     * Degraded when a pod cannot start or the progress deadline passed; Suspended at zero replicas;
     * Healthy when {@code Available} is True and {@code updatedReplicas} equals {@code spec.replicas}.
     */
    static Assessment deployment(Map<String, Object> live, List<Map<String, Object>> pods) {
        Map<String, Object> progressing = Conditions.find(live, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.get("reason"))) {
            return Assessment.degraded("progress deadline exceeded" + Conditions.explained(progressing));
        }
        Assessment early = podsOrScaledToZero(live, pods);
        if (early != null) {
            return early;
        }
        int wanted = Conditions.intAt(live, "spec.replicas", 1);
        int updated = Conditions.intAt(live, "status.updatedReplicas", 0);
        Map<String, Object> available = Conditions.find(live, "Available");
        if (!Conditions.isTrue(available)) {
            return Assessment.progressing("not Available (" + Conditions.intAt(live, "status.readyReplicas", 0) + " of "
                    + wanted + " replicas ready)");
        }
        if (updated != wanted || Conditions.intAt(live, "status.replicas", 0) != wanted) {
            return Assessment.progressing(updated + " of " + wanted + " replicas updated, "
                    + Conditions.intAt(live, "status.replicas", 0) + " exist");
        }
        return Assessment.healthy();
    }

    /** What comes before counting replicas: hopeless pods, an unobserved spec, no status, zero replicas. */
    private static Assessment podsOrScaledToZero(Map<String, Object> live, List<Map<String, Object>> pods) {
        List<String> troubles = PodHealth.troubles(pods);
        if (!troubles.isEmpty()) {
            return Assessment.degraded(String.join(", ", troubles));
        }
        Assessment unobserved = Conditions.unobservedGeneration(live);
        if (unobserved != null) {
            return unobserved;
        }
        if (live.get("status") == null) {
            return Assessment.progressing("no status yet");
        }
        if (Conditions.intAt(live, "spec.replicas", 1) == 0) {
            int left = Conditions.intAt(live, "status.replicas", 0);
            return left == 0 ? Assessment.suspended("scaled to 0 replicas")
                    : Assessment.progressing("scaling down to 0 replicas, " + left + " left");
        }
        return null;
    }

    /** RollingUpdate without a partition moves every pod to the new revision; other strategies stop short. */
    private static boolean rollsOutCompletely(Map<String, Object> live) {
        Object type = Workloads.valueAt(live, "spec.updateStrategy.type");
        int partition = Conditions.intAt(live, "spec.updateStrategy.rollingUpdate.partition", 0);
        return (type == null || "RollingUpdate".equals(type)) && partition == 0;
    }
}
