package io.berth.server.applications;

import io.berth.engine.drift.ObjectDrift;
import java.time.Instant;
import io.berth.engine.health.Health;
import java.util.List;

/**
 * What Berth knows of one target: the revision last applied there, whether that is the current one,
 * the last error, the objects it applied, and their health and drift as the status tracker last saw them.
 */
public record TargetState(String cluster, String namespace, Integer revisionApplied, SyncStatus syncStatus,
                          String lastError, Instant lastAppliedAt, List<AppliedObject> objects, Health health,
                          String healthReason, Instant healthSince, List<ObjectDrift> drift, Instant driftSince) {

    public TargetState {
        drift = drift == null ? List.of() : List.copyOf(drift);
    }
}
