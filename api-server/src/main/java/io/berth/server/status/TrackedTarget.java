package io.berth.server.status;

import io.berth.engine.ObjectRef;
import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A target whose health the tracker follows (applied at least once, its application not deleted),
 * with what is recorded of it.
 *
 * @param objects     the objects Berth applied there
 * @param health      the health recorded now, and its reason and since when
 * @param driftJudged whether what runs there is compared with what Berth applied: no operation is under way
 *                    and the revision applied is the current one
 * @param drift       the drift recorded now (empty: none)
 * @param selfHeal    whether the application re-applies itself when it drifts
 */
public record TrackedTarget(UUID applicationId, String application, String cluster, String namespace, int revision,
                            List<ObjectRef> objects, Health health, String reason, Instant healthSince,
                            boolean driftJudged, List<ObjectDrift> drift, boolean selfHeal) {

    public TrackedTarget {
        objects = List.copyOf(objects);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    public TargetKey key() {
        return new TargetKey(cluster, namespace, application);
    }
}
