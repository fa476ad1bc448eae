package io.berth.server.deploy;

import io.berth.template.HealthHint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The readiness rules, one per kind of workload, on live object trees. Pure. */
final class ReadinessRules {

    private ReadinessRules() {
    }

    static Readiness statefulSet(Map<String, Object> live) {
        Readiness generation = observed(live);
        if (generation != null) {
            return generation;
        }
        int wanted = intAt(live, "spec.replicas", 1);
        int ready = intAt(live, "status.readyReplicas", 0);
        int updated = intAt(live, "status.updatedReplicas", 0);
        int current = intAt(live, "status.replicas", 0);
        if (ready != wanted || updated != wanted || current != wanted) {
            return new Readiness.NotReady(ready + " of " + wanted + " replicas ready, " + updated + " updated, " + current + " exist");
        }
        if (rollsOutCompletely(live) && !Objects.equals(Workloads.valueAt(live, "status.currentRevision"),
                Workloads.valueAt(live, "status.updateRevision"))) {
            return new Readiness.NotReady("rolling update to revision " + Workloads.valueAt(live, "status.updateRevision")
                    + " in progress");
        }
        return Readiness.ready();
    }

    static Readiness deployment(Map<String, Object> live) {
        Readiness generation = observed(live);
        if (generation != null) {
            return generation;
        }
        Map<String, Object> progressing = condition(live, "Progressing");
        if (progressing != null && "ProgressDeadlineExceeded".equals(progressing.get("reason"))) {
            return new Readiness.Failed("progress deadline exceeded: " + progressing.getOrDefault("message", ""));
        }
        int wanted = intAt(live, "spec.replicas", 1);
        int updated = intAt(live, "status.updatedReplicas", 0);
        Map<String, Object> available = condition(live, "Available");
        if (available == null || !"True".equals(available.get("status"))) {
            return new Readiness.NotReady("not Available (" + intAt(live, "status.readyReplicas", 0) + " of " + wanted + " replicas ready)");
        }
        if (updated != wanted) {
            return new Readiness.NotReady(updated + " of " + wanted + " replicas updated");
        }
        return Readiness.ready();
    }

    /** A template's rule: a condition that must be True, or a status value looked up in the hint's lists. */
    static Readiness byHint(Map<String, Object> live, HealthHint hint) {
        Readiness generation = observed(live);
        if (generation != null) {
            return generation;
        }
        if (hint.readyCondition() != null) {
            Map<String, Object> condition = condition(live, hint.readyCondition());
            if (condition == null) {
                return new Readiness.NotReady("no " + hint.readyCondition() + " condition yet");
            }
            return "True".equals(condition.get("status")) ? Readiness.ready() : new Readiness.NotReady(
                    hint.readyCondition() + " is " + condition.get("status") + reasonOf(condition));
        }
        if (hint.statusPath() == null) {
            return new Readiness.Unknown("the health hint gives neither a condition nor a status path");
        }
        return byStatusValue(Workloads.valueAt(live, hint.statusPath()), hint);
    }

    private static Readiness byStatusValue(Object value, HealthHint hint) {
        String path = hint.statusPath();
        if (value == null) {
            return new Readiness.NotReady(path + " is not set yet");
        }
        String text = value.toString();
        if (hint.healthy().contains(text)) {
            return Readiness.ready();
        }
        if (hint.degraded().contains(text)) {
            return new Readiness.Failed(path + " is " + text);
        }
        if (hint.progressing().contains(text)) {
            return new Readiness.NotReady(path + " is " + text);
        }
        return new Readiness.Unknown(path + " is " + text + ", which the template's health hint does not list");
    }

    /** NotReady while the controller has not seen the latest spec; null once it has (or does not say). */
    private static Readiness observed(Map<String, Object> live) {
        Integer generation = Workloads.replicasAt(live, "metadata.generation");
        Integer observed = Workloads.replicasAt(live, "status.observedGeneration");
        if (generation != null && observed != null && observed < generation) {
            return new Readiness.NotReady("generation " + generation + " not observed yet (at " + observed + ")");
        }
        boolean builtInWithoutStatus = observed == null && live.get("status") == null;
        return builtInWithoutStatus && generation != null && isBuiltInWorkload(live)
                ? new Readiness.NotReady("no status yet") : null;
    }

    /** RollingUpdate without a partition moves every pod to the new revision; other strategies stop short. */
    private static boolean rollsOutCompletely(Map<String, Object> live) {
        Object type = Workloads.valueAt(live, "spec.updateStrategy.type");
        int partition = intAt(live, "spec.updateStrategy.rollingUpdate.partition", 0);
        return (type == null || "RollingUpdate".equals(type)) && partition == 0;
    }

    private static boolean isBuiltInWorkload(Map<String, Object> live) {
        return "apps/v1".equals(live.get("apiVersion"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> condition(Map<String, Object> live, String type) {
        if (!(Workloads.valueAt(live, "status.conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream()
                .filter(c -> c instanceof Map<?, ?> map && type.equals(map.get("type")))
                .map(c -> (Map<String, Object>) c)
                .findFirst().orElse(null);
    }

    private static String reasonOf(Map<String, Object> condition) {
        Object reason = condition.get("reason");
        Object message = condition.get("message");
        return (reason == null ? "" : ": " + reason) + (message == null ? "" : " (" + message + ")");
    }

    private static int intAt(Map<String, Object> live, String path, int absent) {
        Integer value = Workloads.replicasAt(live, path);
        return value == null ? absent : value;
    }
}
