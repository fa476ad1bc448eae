package io.berth.template;

import java.util.List;

/**
 * How to judge the health of a workload kind: either a status condition that is {@code True} when
 * the object is ready ({@code readyCondition}, e.g. {@code Available}), or a dotted status path whose
 * value is looked up in the {@code healthy}, {@code progressing} and {@code degraded} lists (e.g.
 * {@code status.phase} with {@code Running} / {@code Creating} / {@code Failed}). A value in none of
 * the lists means the health is unknown, never healthy.
 */
public record HealthHint(String readyCondition, String statusPath, List<String> healthy,
                         List<String> progressing, List<String> degraded) {

    public HealthHint {
        healthy = healthy == null ? List.of() : List.copyOf(healthy);
        progressing = progressing == null ? List.of() : List.copyOf(progressing);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
    }

    public static HealthHint whenCondition(String readyCondition) {
        return new HealthHint(readyCondition, null, List.of(), List.of(), List.of());
    }

    public static HealthHint fromStatusPath(String statusPath, List<String> healthy,
                                            List<String> progressing, List<String> degraded) {
        return new HealthHint(null, statusPath, healthy, progressing, degraded);
    }
}
