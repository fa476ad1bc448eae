package io.berth.engine.tree;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.Assessment;
import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One object Berth applied, as it is on the cluster now, with what it runs.
 *
 * @param uid       {@code null} when the object is gone
 * @param health    as {@link io.berth.engine.health.HealthJudge} judges it; {@code Missing} when the object is
 *                  gone; {@code null} for kinds that carry no health (Services, ConfigMaps, RBAC...)
 * @param reason    why it is not Healthy, {@code null} when it is or has no health
 * @param summary   what its status says of its size and phase (workloads and custom resources), or {@code null}
 * @param pods      the pods of a StatefulSet or Deployment (by its selector) or of a custom resource (by owner)
 * @param claims    for a StatefulSet, the claims made from its claim templates, retained ones included
 */
public record ObjectNode(String apiVersion, String kind, String namespace, String name, String uid, Health health,
                         String reason, Instant createdAt, ObjectSummary summary, List<PodNode> pods,
                         List<ClaimNode> claims) {

    public ObjectNode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        pods = pods == null ? List.of() : List.copyOf(pods);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** An object Berth applied that is not on the cluster (any more), with the claims it left behind. */
    static ObjectNode missing(ObjectRef ref, List<ClaimNode> claimsLeft) {
        Assessment missing = Assessment.missing();
        return new ObjectNode(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name(), null, missing.health(),
                missing.reason(), null, null, List.of(), claimsLeft);
    }
}
