package io.berth.server.applications;

import io.berth.server.audit.AuditLog;
import io.berth.server.operations.OperationStore;
import io.berth.server.web.ApiException;
import io.berth.server.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
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
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApplicationLedger(ApplicationStore applications, OperationStore operations, AuditLog audit, TransactionTemplate tx,
                      Clock clock) {
        this.applications = applications;
        this.operations = operations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records a first deploy; 409 when the name was taken meanwhile. */
    UUID recordNew(ApplicationChange change) {
        return tx.execute(status -> {
            if (applications.lock(change.application()).isPresent()) {
                throw nameTaken(change.application());
            }
            Instant now = Instant.now(clock);
            UUID operationId = UUID.randomUUID();
            ApplicationRecord app = new ApplicationRecord(UUID.randomUUID(), change.application(),
                    change.plan().spec().templateSet(), change.labels(), ApplicationState.Active, 1, operationId, 0,
                    now, change.request().actor(), now, change.request().actor());
            try {
                applications.insert(app);
            } catch (DuplicateKeyException sameNameAtOnce) {
                throw nameTaken(change.application()); // another deploy of this name committed first
            }
            write(app, 1, operationId, change, now);
            return operationId;
        });
    }

    /** Records a change of an existing application. */
    UUID recordChange(ApplicationChange change) {
        return tx.execute(status -> {
            ApplicationRecord app = applications.lock(change.application())
                    .orElseThrow(() -> ApplicationService.notFound(change.application()));
            checkMayChange(app, change);
            Instant now = Instant.now(clock);
            UUID operationId = UUID.randomUUID();
            int revision = change.plan() == null ? app.currentRevision() : app.currentRevision() + 1;
            applications.update(app.id(), change.newState(), revision, operationId,
                    change.labels() == null ? app.labels() : change.labels(), change.request().actor(), now);
            write(app, revision, operationId, change, now);
            return operationId;
        });
    }

    static ApiException nameTaken(String name) {
        return new ApiException(ProblemType.ALREADY_EXISTS, "An application named '" + name
                + "' exists (a deleted one keeps its name until purged with DELETE ?purge=true)");
    }

    private void checkMayChange(ApplicationRecord app, ApplicationChange change) {
        if (change.expectedVersion() != null && change.expectedVersion() != app.version()) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, "Application '" + app.name()
                    + "' has changed since you read it (ETag \"" + app.version() + "\"); read it again");
        }
        if (app.activeOperationId() != null) {
            throw ApplicationService.busy(app);
        }
        if (change.expectedRevision() != null && change.expectedRevision() != app.currentRevision()) {
            throw new ApiException(ProblemType.CONFLICT, "Application '" + app.name() + "' got revision "
                    + app.currentRevision() + " while this change was being checked; send it again");
        }
        if (app.state() == ApplicationState.Deleted) {
            throw new ApiException(ProblemType.CONFLICT, "Application '" + app.name()
                    + "' is deleted; purge it (DELETE ?purge=true) and deploy it anew");
        }
        if (app.state() == ApplicationState.Deleting && change.newState() != ApplicationState.Deleting) {
            throw new ApiException(ProblemType.CONFLICT, "Application '" + app.name()
                    + "' is being deleted; only another DELETE may follow a failed uninstall");
        }
    }

    private void write(ApplicationRecord app, int revision, UUID operationId, ApplicationChange change, Instant now) {
        if (change.plan() != null) {
            ApplicationSpec spec = change.plan().spec();
            UUID versionId = applications.templateVersionId(spec.templateSet(), spec.version())
                    .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "Version " + spec.version()
                            + " of template set '" + spec.templateSet() + "' does not exist (any more)"));
            applications.insertRevision(app.id(), versionId, new Revision(revision, spec, change.plan().digest(),
                    change.cause(), change.rolledBackTo(), operationId, now, change.request().actor()));
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
                change.plan() == null ? null : revision, change.options(), change.request().actor(),
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
            ApplicationRecord app = applications.lock(name).orElseThrow(() -> ApplicationService.notFound(name));
            if (expectedVersion != null && expectedVersion != app.version()) {
                throw new ApiException(ProblemType.PRECONDITION_FAILED, "Application '" + name + "' has changed since you read it");
            }
            applications.purge(app.id());
            audit.record(actor, "Purge", name, List.of(), "Succeeded", requestId, null, null);
        });
    }
}
