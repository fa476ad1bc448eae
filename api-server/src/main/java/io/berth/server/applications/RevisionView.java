package io.berth.server.applications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One revision as the API shows it: everything needed to deploy it again.
 *
 * @param renderedDigest sha256 of every target's rendered objects, replica overrides included
 * @param rolledBackTo   for a rollback, the revision whose content it deployed again
 */
public record RevisionView(int number, RevisionCause cause, String templateSet, String templateVersion,
                           Map<String, Object> values, List<Target> targets, ClusterSelectorSpec clusterSelector,
                           List<ReplicaOverride> replicaOverrides, boolean createNamespace, String renderedDigest,
                           Integer rolledBackTo, UUID operationId, Instant createdAt, String createdBy) {

    static RevisionView of(Revision r) {
        ApplicationSpec s = r.spec();
        return new RevisionView(r.number(), r.cause(), s.templateSet(), s.version(), s.values(), s.targets(),
                s.clusterSelector(), s.replicaOverrides(), s.createNamespace(), r.renderedDigest(), r.rolledBackTo(),
                r.operationId(), r.createdAt(), r.createdBy());
    }
}
