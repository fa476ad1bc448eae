package io.berth.engine.tree;

import io.berth.engine.health.Health;
import java.time.Instant;

/**
 * One pod of a workload or custom resource.
 *
 * @param ordinal            for a StatefulSet's pod, the {@code n} of {@code <set>-<n>}; {@code null} otherwise
 * @param ready              its {@code Ready} condition is True
 * @param restarts           the sum of its containers' restart counts (init containers included)
 * @param node               the node it is placed on, {@code null} before it is scheduled
 * @param reason             why it is not ready (a container's waiting reason and message, an unschedulable
 *                           condition...); {@code null} when it is ready
 * @param health             as {@link io.berth.engine.health.HealthJudge} judges a pod
 * @param createdAt          its creation time, from which its age is counted
 * @param controllerRevision the revision of its controller it was made from ({@code controller-revision-hash},
 *                           or a Deployment's {@code pod-template-hash})
 */
public record PodNode(String name, String uid, Integer ordinal, String phase, boolean ready, int restarts, String node,
                      String reason, Health health, Instant createdAt, String controllerRevision) {
}
