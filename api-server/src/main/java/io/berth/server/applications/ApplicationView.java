package io.berth.server.applications;

import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application as the API shows it: its current revision's spec and, per target, what Berth applied
 * there and whether that worked.
 *
 * @param project           the project it belongs to
 * @param health            the worst health of its targets (Unknown when it has none)
 * @param selfHeal          whether it re-applies its current revision by itself when a target drifts
 * @param currentRevision   the newest revision: what the application should run
 * @param activeOperationId the operation under way, if any (one at a time per application)
 * @param version           optimistic-lock version, also the ETag
 */
public record ApplicationView(String name, String project, Map<String, String> labels, ApplicationState state, Health health,
                              boolean selfHeal, String templateSet,
                              String templateVersion, int currentRevision, Map<String, Object> values,
                              ClusterSelectorSpec clusterSelector, List<ReplicaOverride> replicaOverrides,
                              boolean createNamespace, List<TargetView> targets, UUID activeOperationId,
                              Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    /**
     * @param inCurrentRevision false while a target that the current revision dropped is being uninstalled
     * @param revisionApplied   the revision last applied there, null before the first success
     * @param objects           the objects Berth applied there, in apply order
     * @param health            as the status tracker last saw it ({@code Stale}: the cluster cannot be read)
     * @param healthReason      why it is not Healthy, naming each workload
     * @param healthSince       when it last changed to this health
     * @param drift             the objects and fields there that are no longer as Berth applied them (empty: none);
     *                          a drift makes a synced target OutOfSync
     * @param driftSince        since when it drifts
     */
    public record TargetView(String cluster, String namespace, boolean fromSelector, Map<String, Object> values,
                             boolean inCurrentRevision, Integer revisionApplied, SyncStatus syncStatus,
                             String lastError, Instant lastAppliedAt, List<AppliedObject> objects, Health health,
                             String healthReason, Instant healthSince, List<ObjectDrift> drift, Instant driftSince) {
    }

    static ApplicationView of(ApplicationRecord app, String project, Revision current, List<TargetState> states) {
        ApplicationSpec spec = current.spec();
        List<TargetView> targets = states.stream().map(s -> {
            Target desired = spec.targets().stream()
                    .filter(t -> t.cluster().equals(s.cluster()) && t.namespace().equals(s.namespace()))
                    .findFirst().orElse(null);
            return new TargetView(s.cluster(), s.namespace(), desired != null && desired.fromSelector(),
                    desired == null ? Map.of() : desired.values(), desired != null, s.revisionApplied(), s.syncStatus(),
                    s.lastError(), s.lastAppliedAt(), s.objects(), s.health(), s.healthReason(), s.healthSince(),
                    s.drift(), s.driftSince());
        }).toList();
        Health health = Health.worst(targets.stream().map(TargetView::health).toList());
        return new ApplicationView(app.name(), project, app.labels(), app.state(), health, app.selfHeal(), spec.templateSet(), spec.version(),
                app.currentRevision(), spec.values(), spec.clusterSelector(), spec.replicaOverrides(),
                spec.createNamespace(), targets, app.activeOperationId(), app.createdAt(), app.createdBy(),
                app.updatedAt(), app.updatedBy(), app.version());
    }
}
