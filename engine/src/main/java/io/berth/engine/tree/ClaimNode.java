package io.berth.engine.tree;

import io.berth.engine.health.Health;
import java.time.Instant;

/**
 * One PersistentVolumeClaim a StatefulSet made from a claim template, named {@code <template>-<set>-<n>}.
 *
 * @param template        the claim template's name
 * @param ordinal         the {@code n} of its name: the pod it belongs to
 * @param capacity        the capacity it was bound with ({@code status.capacity.storage}), or {@code null}
 * @param storageClass    {@code spec.storageClassName}, or {@code null} when it names none
 * @param retained        no pod uses it any more, and it is kept for its data: its ordinal is at or above
 *                        the set's replicas (a scale-down), or the set itself is gone. Never drift, never pruned.
 * @param retainedBecause why it is retained, in words; {@code null} when it is not
 * @param health          as {@link io.berth.engine.health.HealthJudge} judges a claim
 */
public record ClaimNode(String name, String uid, String template, int ordinal, String phase, String capacity,
                        String storageClass, boolean retained, String retainedBecause, Health health, Instant createdAt) {
}
