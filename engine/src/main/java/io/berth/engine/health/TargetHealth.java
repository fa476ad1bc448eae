package io.berth.engine.health;

import java.util.ArrayList;
import java.util.List;

/**
 * A target's health (one application in one namespace of one cluster) and, unless it is Healthy,
 * why: the worst health of the objects in it that carry one, each non-healthy object named.
 */
public record TargetHealth(Health health, String reason) {

    /** Judges a target by what was seen of the objects in it that carry health. Pure. */
    public static TargetHealth of(List<Observation> observations) {
        if (observations.isEmpty()) {
            return new TargetHealth(Health.Unknown, "nothing in it has a health rule (StatefulSet, Deployment, "
                    + "PersistentVolumeClaim, Pod or custom resource)");
        }
        List<Health> healths = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Observation seen : observations) {
            healths.add(seen.health());
            if (seen.health() != Health.Healthy) {
                reasons.add(seen.ref().describe() + ": " + seen.assessment().reason());
            }
        }
        return new TargetHealth(Health.worst(healths), reasons.isEmpty() ? null : String.join("; ", reasons));
    }
}
