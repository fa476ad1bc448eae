package io.berth.server.applications;

import io.berth.engine.drift.ObjectDrift;
import java.time.Instant;
import java.util.List;

/**
 * An application's drift: per target, the objects and fields that are no longer as Berth applied them,
 * as the status tracker last saw them.
 */
public record DriftView(String name, int currentRevision, List<TargetDrift> targets) {

    /**
     * @param revisionApplied the revision the drift is measured against (what Berth applied there)
     * @param objects         each drifted object: deleted ({@code missing}), or the fields that differ,
     *                        with Berth's value and the live one (a Secret's values are never shown)
     * @param since           since when the target drifts; null when it does not
     */
    public record TargetDrift(String cluster, String namespace, SyncStatus syncStatus, Integer revisionApplied,
                              List<ObjectDrift> objects, Instant since) {
    }

    static DriftView of(ApplicationRecord app, List<TargetState> targets) {
        return new DriftView(app.name(), app.currentRevision(), targets.stream()
                .map(t -> new TargetDrift(t.cluster(), t.namespace(), t.syncStatus(), t.revisionApplied(), t.drift(),
                        t.driftSince()))
                .toList());
    }
}
