package io.berth.engine.health;

import java.util.List;

/**
 * How a template says to judge one kind of custom resource: a status condition that is {@code True}
 * when the object is ready ({@code readyCondition}), or a dotted status path whose value is looked up
 * in the {@code healthy}, {@code progressing} and {@code degraded} lists. A value in none of the lists
 * is Unknown, never Healthy. (The template store's health hint, in the engine's own terms: the engine
 * does not depend on the template store.)
 */
public record CustomHealthRule(String readyCondition, String statusPath, List<String> healthy,
                               List<String> progressing, List<String> degraded) {

    public CustomHealthRule {
        healthy = healthy == null ? List.of() : List.copyOf(healthy);
        progressing = progressing == null ? List.of() : List.copyOf(progressing);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
    }

    public static CustomHealthRule whenCondition(String readyCondition) {
        return new CustomHealthRule(readyCondition, null, List.of(), List.of(), List.of());
    }

    public static CustomHealthRule byStatusPath(String statusPath, List<String> healthy, List<String> progressing,
                                                List<String> degraded) {
        return new CustomHealthRule(null, statusPath, healthy, progressing, degraded);
    }
}
