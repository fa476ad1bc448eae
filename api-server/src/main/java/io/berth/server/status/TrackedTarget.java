package io.berth.server.status;

import io.berth.engine.ObjectRef;
import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A target whose health the tracker follows (applied at least once, its application not deleted),
 * with what is recorded of it.
 *
 * @param objects the objects Berth applied there
 * @param health  the health recorded now, and its reason and since when
 */
public record TrackedTarget(UUID applicationId, String application, String cluster, String namespace, int revision,
                            List<ObjectRef> objects, Health health, String reason, Instant healthSince) {

    public TrackedTarget {
        objects = List.copyOf(objects);
    }

    public TargetKey key() {
        return new TargetKey(cluster, namespace, application);
    }
}
