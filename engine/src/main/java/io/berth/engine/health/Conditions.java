package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.List;
import java.util.Map;

/** Reading {@code status.conditions} and generations of live object trees. Pure. */
final class Conditions {

    private Conditions() {
    }

    /** The condition of this type, or {@code null}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> find(Map<String, Object> live, String type) {
        if (!(Workloads.valueAt(live, "status.conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream()
                .filter(c -> c instanceof Map<?, ?> map && type.equals(map.get("type")))
                .map(c -> (Map<String, Object>) c)
                .findFirst().orElse(null);
    }

    static boolean isTrue(Map<String, Object> condition) {
        return condition != null && "True".equals(condition.get("status"));
    }

    static boolean isFalse(Map<String, Object> condition) {
        return condition != null && "False".equals(condition.get("status"));
    }

    /** {@code ": reason (message)"}, the parts that are there. */
    static String explained(Map<String, Object> condition) {
        Object reason = condition.get("reason");
        Object message = condition.get("message");
        return (reason == null ? "" : ": " + reason) + (message == null ? "" : " (" + message + ")");
    }

    /**
     * Progressing while the controller has not seen the latest spec ({@code status.observedGeneration}
     * below {@code metadata.generation}); {@code null} once it has, or when the object does not say.
     */
    static Assessment unobservedGeneration(Map<String, Object> live) {
        Integer generation = Workloads.replicasAt(live, "metadata.generation");
        Integer observed = Workloads.replicasAt(live, "status.observedGeneration");
        if (generation != null && observed != null && observed < generation) {
            return Assessment.progressing("generation " + generation + " not observed yet (at " + observed + ")");
        }
        return null;
    }

    static int intAt(Map<String, Object> live, String path, int absent) {
        Integer value = Workloads.replicasAt(live, path);
        return value == null ? absent : value;
    }
}
