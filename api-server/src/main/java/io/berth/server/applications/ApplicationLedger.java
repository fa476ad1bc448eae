package io.berth.server.applications;

import io.berth.server.audit.AuditLog;
import io.berth.server.domain.UnknownProjectException;
import io.berth.server.operations.OperationStore;
import io.berth.server.operations.OperationType;
import io.berth.server.projects.ProjectDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a checked change in one transaction under the application's row lock: the revision, the
 * targets, the operation with its steps, the application's new state and the audit record. Either all
 * of it is written or none. The lock makes "one operation at a time per application" and If-Match exact.
 */
@Component
class ApplicationLedger {

    private final ApplicationStore applications;
    private final OperationStore operations;
    private final ProjectDirectory projects;
    private final ApplicationPlanner planner;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApplicationLedger(ApplicationStore applications, OperationStore operations, AuditLog audit, TransactionTemplate tx,
                      Clock clock, ProjectDirectory projects, ApplicationPlanner planner) {
        this.projects = projects;
        this.planner = planner;
        this.applications = applications;
        this.operations = operations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Records a first deploy in a project; {@link ApplicationAlreadyExistsException} when the name was taken meanwhile,
     * {@link io.berth.server.domain.QuotaExceededException} when the project has no room for another application,
     * {@link UnknownProjectException} when the project was deleted after the request was checked.
     */
    UUID recordNew(ProjectDirectory.Found project, ApplicationChange change) {
        UUID projectId = project.id();
        return tx.execute(status -> {
            if (applications.lock(change.application()).isPresent()) {
                throw new ApplicationAlreadyExistsException(change.application());
            }
            projects.admitApplication(projectId);
            admitReplicas(projectId, null, change);
            Instant now = Instant.now(clock);
            UUID operationId = UUID.randomUUID();
            ApplicationRecord app = new ApplicationRecord(UUID.randomUUID(), change.application(),
                    change.plan().spec().templateSet(), change.settings().labelsOr(Map.of()), ApplicationState.Active,
                    change.settings().selfHealOr(false), 1, operationId, 0,
                    now, change.request().actor(), now, change.request().actor(), projectId);
            try {
                applications.insert(app);
            } catch (DuplicateKeyException sameNameAtOnce) { // another deploy of this name committed first
                throw new ApplicationAlreadyExistsException(change.application());
            } catch (DataIntegrityViolationException projectDeletedMeanwhile) { // its row went after it was read
                throw new UnknownProjectException(project.project().name());
            }
            write(app, 1, operationId, change, now);
            return operationId;
        });
    }

    /** Records a change of an existing application. */
    UUID recordChange(ApplicationChange change) {
        return tx.execute(status -> {
            ApplicationRecord app = applications.lock(change.application())
                    .orElseThrow(() -> new ApplicationNotFoundException(change.application()));
            checkMayChange(app, change);
            admitReplicas(app.projectId(), app.id(), change);
            Instant now = Instant.now(clock);
            UUID operationId = UUID.randomUUID();
            int revision = change.plan() == null ? app.currentRevision() : app.currentRevision() + 1;
            applications.update(app.id(), change.newState(), revision, operationId,
                    change.settings().labelsOr(app.labels()), change.settings().selfHealOr(app.selfHeal()), change.request().actor(), now);
            write(app, revision, operationId, change, now);
            return operationId;
        });
    }

    /** A change that renders a new revision must fit the project's replica quota, if it has one. */
    private void admitReplicas(UUID projectId, UUID application, ApplicationChange change) {
        if (change.plan() == null) {
            return;
        }
        projects.admitReplicas(projectId, change.plan().replicas(), () -> {
            // revisions recorded before they counted their replicas are counted now (kept if the change commits)
            for (ApplicationStore.UncountedRevision old : applications.uncountedCurrentRevisions(projectId, null)) {
                int replicas = planner.replan(old.application(), old.revision().spec()).replicas();
                applications.countReplicas(old.applicationId(), old.revision().number(), replicas);
            }
            int others = applications.replicasInProject(projectId, application);
            int all = application == null ? others : applications.replicasInProject(projectId, null);
            return new ProjectDirectory.ReplicasInUse(all - others, others);
        });
    }

    private void checkMayChange(ApplicationRecord app, ApplicationChange change) {
        if (change.expectedVersion() != null && change.expectedVersion() != app.version()) {
            throw ApplicationChangedException.beforeChange(app.name(), app.version());
        }
        if (app.activeOperationId() != null) {
            throw new ApplicationBusyException(app.name(), app.activeOperationId());
        }
        if (change.expectedRevision() != null && change.expectedRevision() != app.currentRevision()) {
            throw ApplicationConflictException.revisionMovedOn(app.name(), app.currentRevision());
        }
        if (app.state() == ApplicationState.Deleted) {
            throw ApplicationConflictException.deleted(app.name());
        }
        if (app.state() == ApplicationState.Deleting && change.newState() != ApplicationState.Deleting) {
            throw ApplicationConflictException.beingDeleted(app.name());
        }
    }

    private void write(ApplicationRecord app, int revision, UUID operationId, ApplicationChange change, Instant now) {
        if (change.plan() != null) {
            ApplicationSpec spec = change.plan().spec();
            UUID versionId = applications.templateVersionId(spec.templateSet(), spec.version())
                    .orElseThrow(() -> new TemplateVersionGoneException(spec.templateSet(), spec.version()));
            applications.insertRevision(app.id(), versionId, new Revision(revision, spec, change.plan().digest(),
                    change.cause(), change.rolledBackTo(), operationId, now, change.request().actor()), change.plan().replicas());
            Set<String> stepped = change.steps().stream().map(st -> st.cluster() + "/" + st.namespace())
                    .collect(Collectors.toSet());
            for (Target t : spec.targets()) {
                if (stepped.contains(t.key())) {
                    applications.upsertTarget(app.id(), t.cluster(), t.namespace());
                } else {
                    // untouched by this change (a scale of other clusters): what runs there is this revision too
                    applications.carryForward(app.id(), t.cluster(), t.namespace(), revision);
                }
            }
        }
        operations.insert(new OperationStore.NewOperation(operationId, app.id(), app.name(), change.type(),
                change.type() == OperationType.Delete ? null : revision, change.options(), change.request().actor(),
                change.request().requestId(), change.request().idempotencyKey(), change.request().fingerprint(), now),
                change.steps());
        List<String> clusters = change.steps().stream().map(OperationStore.NewStep::cluster).distinct().toList();
        audit.record(change.request().actor(), change.type().name(), app.name(), clusters, "Accepted",
                change.request().requestId(), operationId, change.plan() == null ? null
                        : "revision " + revision + ": " + change.plan().spec().templateSet() + "@" + change.plan().spec().version());
    }

    /** Forgets a deleted application at once (nothing is left on any cluster). */
    void purgeDeleted(String name, Long expectedVersion, String actor, String requestId) {
        tx.executeWithoutResult(status -> {
            ApplicationRecord app = applications.lock(name).orElseThrow(() -> new ApplicationNotFoundException(name));
            if (expectedVersion != null && expectedVersion != app.version()) {
                throw ApplicationChangedException.beforePurge(name);
            }
            applications.purge(app.id());
            audit.record(actor, "Purge", name, List.of(), "Succeeded", requestId, null, null);
        });
    }
}
