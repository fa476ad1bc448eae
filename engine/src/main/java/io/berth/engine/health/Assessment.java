package io.berth.engine.health;

import java.util.Objects;

/**
 * The health of one object and, unless it is Healthy, why, in words for an operator (the pod and the
 * container's reason when pods are at fault, e.g. {@code pod web-1: CrashLoopBackOff}).
 */
public record Assessment(Health health, String reason) {

    public Assessment {
        Objects.requireNonNull(health, "health");
        reason = health == Health.Healthy ? null : Objects.requireNonNullElse(reason, health.name());
    }

    public static Assessment healthy() {
        return new Assessment(Health.Healthy, null);
    }

    public static Assessment progressing(String reason) {
        return new Assessment(Health.Progressing, reason);
    }

    public static Assessment degraded(String reason) {
        return new Assessment(Health.Degraded, reason);
    }

    public static Assessment suspended(String reason) {
        return new Assessment(Health.Suspended, reason);
    }

    public static Assessment unknown(String reason) {
        return new Assessment(Health.Unknown, reason);
    }

    public static Assessment missing() {
        return new Assessment(Health.Missing, "not found on the cluster");
    }

    /** Healthy, or scaled to zero on purpose: what a wait for readiness waits for. */
    public boolean isSettled() {
        return health == Health.Healthy || health == Health.Suspended;
    }
}
