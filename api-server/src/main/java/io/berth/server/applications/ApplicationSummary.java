package io.berth.server.applications;

import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application as a list shows it: what a row of a table needs, and per target where it runs and how it
 * is doing. {@code GET /applications/{name}} gives the rest (values, applied objects, drift, reasons).
 * A page of 50 applications with five targets each is about a third of the same page of full views (46 KB against 139 KB), and
 * reads none of the targets' objects or drift.
 *
 * @param project the project it belongs to
 * @param health the worst health of its targets (Unknown when it has none)
 */
public record ApplicationSummary(String name, String project, Map<String, String> labels, ApplicationState state, Health health,
                                 boolean selfHeal, String templateSet, String templateVersion, int currentRevision,
                                 List<TargetSummary> targets, UUID activeOperationId, Instant createdAt,
                                 Instant updatedAt, long version) {

    /**
     * @param revisionApplied the revision last applied there, null before the first success
     * @param drifted         whether objects or fields there are no longer as Berth applied them
     */
    public record TargetSummary(String cluster, String namespace, Integer revisionApplied, SyncStatus syncStatus,
                                Health health, boolean drifted) {
    }

    static ApplicationSummary of(ApplicationRecord app, String project, Revision current, List<TargetSummary> targets) {
        Health health = Health.worst(targets.stream().map(TargetSummary::health).toList());
        return new ApplicationSummary(app.name(), project, app.labels(), app.state(), health, app.selfHeal(),
                current.spec().templateSet(), current.spec().version(), app.currentRevision(), targets,
                app.activeOperationId(), app.createdAt(), app.updatedAt(), app.version());
    }
}
