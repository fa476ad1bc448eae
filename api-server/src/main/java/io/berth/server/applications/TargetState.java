package io.berth.server.applications;

import java.time.Instant;
import java.util.List;

/**
 * What Berth knows of one target: the revision last applied there, whether that is the current one,
 * the last error, and the objects it applied.
 */
public record TargetState(String cluster, String namespace, Integer revisionApplied, SyncStatus syncStatus,
                          String lastError, Instant lastAppliedAt, List<AppliedObject> objects) {
}
