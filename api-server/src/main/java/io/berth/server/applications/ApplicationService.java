package io.berth.server.applications;

import io.berth.cluster.Labels;
import io.berth.server.applications.ApplicationBodies.ClusterSelectorBody;
import io.berth.server.applications.ApplicationBodies.CreateApplication;
import io.berth.server.applications.ApplicationBodies.ReplaceApplication;
import io.berth.server.applications.ApplicationBodies.RollbackApplication;
import io.berth.server.applications.ApplicationBodies.ScaleApplication;
import io.berth.server.applications.ApplicationBodies.TargetBody;
import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationOptions;
import io.berth.server.operations.OperationRunner;
import io.berth.server.operations.OperationStore;
import io.berth.server.operations.OperationStore.NewStep;
import io.berth.server.operations.OperationType;
import io.berth.server.operations.RequestContext;
import io.berth.server.operations.StepAction;
import io.berth.engine.health.Health;
import io.berth.server.domain.ConflictException;
import io.berth.server.domain.Violation;
import io.berth.server.projects.Project;
import io.berth.server.projects.ProjectDirectory;
import io.berth.server.security.Caller;
import io.berth.server.security.Role;
import io.berth.server.web.MergePatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The application life cycle: deploy, upgrade, scale, roll back and delete. Each request is checked in
 * full first (nothing is written when it fails), then recorded as a new revision and an operation in
 * one transaction ({@link ApplicationLedger}); the {@link OperationRunner} carries it out.
 */
@Service
public class ApplicationService {

    private static final int LIST_BATCH = 200;

    private final ApplicationStore applications;
    private final RevisionCache revisions;
    private final OperationStore operations;
    private final ApplicationPlanner planner;
    private final ApplicationLedger ledger;
    private final OperationRunner runner;
    private final ProjectDirectory projects;
    private final ProjectTemplateSetCheck templateSets;
    private final ProjectDestinationCheck destinations;

    ApplicationService(ApplicationStore applications, RevisionCache revisions, OperationStore operations,
                       ApplicationPlanner planner, ApplicationLedger ledger, OperationRunner runner,
                       ProjectDirectory projects, ProjectDestinationCheck destinations, ProjectTemplateSetCheck templateSets) {
        this.applications = applications;
        this.revisions = revisions;
        this.operations = operations;
        this.planner = planner;
        this.ledger = ledger;
        this.runner = runner;
        this.projects = projects;
        this.templateSets = templateSets;
        this.destinations = destinations;
    }

    public Operation deploy(CreateApplication body, Caller caller, RequestContext request) {
        return idempotent(request, () -> {
            if (applications.find(body.name()).isPresent()) {
                throw new ApplicationAlreadyExistsException(body.name());
            }
            Map<String, String> labels = Labels.requireValid(body.labels() == null ? Map.of() : body.labels());
            ProjectDirectory.Found project = projects.requireFor(caller, body.project() == null ? Project.DEFAULT : body.project(),
                    Role.operator);
            templateSets.requireUsable(project, body.templateSet());
            ApplicationSpec spec = new ApplicationSpec(body.templateSet(), body.version(), body.values(), List.of(),
                    selector(body.clusterSelector()), List.of(), !Boolean.FALSE.equals(body.createNamespace()));
            List<Target> explicit = targets(body.targets());
            ApplicationPlanner.Plan plan = planner.plan(body.name(), spec, explicit);
            destinations.requireAllowed(project, plan.spec().targets(), explicit);
            return ledger.recordNew(project, new ApplicationChange(body.name(), OperationType.Deploy, RevisionCause.Deploy, plan,
                    null, applySteps(plan.spec(), List.of()), OperationOptions.apply(isTrue(body.waitForReady()),
                    body.timeoutSeconds()), ApplicationState.Active, new ApplicationSettings(labels, isTrue(body.selfHeal())),
                    null, null, request));
        });
    }

    /** An upgrade by PUT: the body is the whole new spec (see {@link ReplaceApplication}). */
    public Operation replace(String name, ReplaceApplication body, Long expectedVersion, RequestContext request) {
        ApplicationRecord app = requireChangeable(name);
        return upgrade(app, currentRevision(app), body, expectedVersion, request);
    }

    /**
     * An upgrade by PATCH: the merge patch is applied to the current spec, read with the revision the
     * change is checked against, and the result is what a PUT of it would be.
     */
    public Operation patch(String name, MergePatch<ReplaceApplication> patch, Long expectedVersion, RequestContext request) {
        ApplicationRecord app = requireChangeable(name);
        Revision current = currentRevision(app);
        ReplaceApplication merged = patch.applyTo(ReplaceApplication.of(current.spec(), app.labels(), app.selfHeal()));
        return upgrade(app, current, merged, expectedVersion, request);
    }

    /**
     * Where it runs is the explicit targets plus the clusters the selector resolves to now: clusters
     * labelled since the last revision join, clusters that lost the label leave. Replica overrides
     * set by scaling are kept.
     */
    private Operation upgrade(ApplicationRecord app, Revision current, ReplaceApplication body, Long expectedVersion,
                              RequestContext request) {
        ApplicationSpec was = current.spec();
        ApplicationSpec spec = new ApplicationSpec(was.templateSet(), body.version(), body.values(), List.of(),
                selector(body.clusterSelector()), was.replicaOverrides(), !Boolean.FALSE.equals(body.createNamespace()));
        List<Target> explicit = targets(body.targets());
        ApplicationPlanner.Plan plan = planner.plan(app.name(), spec, explicit);
        destinations.requireAllowed(projects.get(app.projectId()), plan.spec().targets(), explicit);
        Map<String, String> labels = Labels.requireValid(body.labels());
        return operation(ledger.recordChange(new ApplicationChange(app.name(), OperationType.Upgrade, RevisionCause.Upgrade,
                plan, null, applySteps(plan.spec(), recordedTargets(app)), OperationOptions.apply(isTrue(body.waitForReady()),
                body.timeoutSeconds()), ApplicationState.Active, new ApplicationSettings(labels, isTrue(body.selfHeal())),
                app.currentRevision(), expectedVersion, request)));
    }

    public Operation rollback(String name, RollbackApplication body, RequestContext request) {
        return idempotent(request, () -> {
            ApplicationRecord app = requireChangeable(name);
            Revision target = applications.revision(app.id(), body.revision())
                    .orElseThrow(() -> new RevisionNotFoundException(name, body.revision()));
            ApplicationPlanner.Plan plan = planner.replan(name, target.spec());
            destinations.requireAllowed(projects.get(app.projectId()), plan.spec().targets(), List.of());
            return ledger.recordChange(new ApplicationChange(name, OperationType.Rollback, RevisionCause.Rollback, plan,
                    target.number(), applySteps(plan.spec(), recordedTargets(app)),
                    OperationOptions.apply(isTrue(body.waitForReady()), body.timeoutSeconds()), ApplicationState.Active,
                    ApplicationSettings.UNCHANGED, app.currentRevision(), null, request));
        });
    }

    public Operation scale(String name, ScaleApplication body, RequestContext request) {
        return idempotent(request, () -> {
            ApplicationRecord app = requireChangeable(name);
            ApplicationSpec spec = currentRevision(app).spec();
            ApplicationPlanner.Plan current = planner.replan(name, spec);
            Workload workload = pickWorkload(current, body.workload());
            List<Target> where = targetsOn(spec, body.clusters(), "Scale");
            destinations.requireAllowed(projects.get(app.projectId()), where, List.of());
            ApplicationPlanner.Plan plan = planner.rescaled(current,
                    current.spec().withReplicas(workload.key(), body.clusters(), body.replicas()));
            List<NewStep> steps = where.stream().map(t -> new NewStep(t.cluster(), t.namespace(), StepAction.Scale)).toList();
            OperationOptions options = OperationOptions.scale(new OperationOptions.ScaleTarget(workload.key(),
                    body.replicas(), workload.replicasPath()), isTrue(body.waitForReady()), body.timeoutSeconds());
            return ledger.recordChange(new ApplicationChange(name, OperationType.Scale, RevisionCause.Scale, plan, null,
                    steps, options, ApplicationState.Active, ApplicationSettings.UNCHANGED, app.currentRevision(), null, request));
        });
    }

    /**
     * Re-applies the current revision as it is on the targets of the given clusters (all targets when
     * none are given): what drifted is put back, what was deleted is created again. No new revision.
     */
    public Operation sync(String name, List<String> clusters, boolean waitForReady, Integer timeoutSeconds,
                          RequestContext request) {
        return idempotent(request, () -> {
            ApplicationRecord app = requireChangeable(name);
            ApplicationSpec spec = currentRevision(app).spec();
            List<NewStep> steps = targetsOn(spec, clusters, "Sync").stream()
                    .map(t -> new NewStep(t.cluster(), t.namespace(), StepAction.Apply)).toList();
            return ledger.recordChange(new ApplicationChange(name, OperationType.Sync, null, null, null, steps,
                    OperationOptions.apply(waitForReady, timeoutSeconds), ApplicationState.Active,
                    ApplicationSettings.UNCHANGED, app.currentRevision(), null, request));
        });
    }

    /** What an operation on the application's data does: on which of the current revision's targets, with which options. */
    public record DataOperation(List<Target> targets, OperationOptions options) {
    }

    /** Checks a request on the application's data against the application and its current revision (throws when invalid). */
    @FunctionalInterface
    public interface DataOperationPlan {
        DataOperation plan(ApplicationRecord app, Revision current);
    }

    /**
     * Records an operation on the application's data ({@code Backup}, {@code Restore}, {@code Schedule}) with one
     * step per target the plan chooses, under the rules of every change: refused while another operation runs
     * or the application is not active, once per Idempotency-Key, audited. No new revision.
     */
    public Operation recordDataOperation(String name, OperationType type, StepAction action, DataOperationPlan plan,
                                         RequestContext request) {
        return idempotent(request, () -> {
            ApplicationRecord app = requireChangeable(name);
            DataOperation planned = plan.plan(app, currentRevision(app));
            List<NewStep> steps = planned.targets().stream()
                    .map(t -> new NewStep(t.cluster(), t.namespace(), action)).toList();
            return ledger.recordChange(new ApplicationChange(name, type, null, null, null, steps, planned.options(),
                    ApplicationState.Active, ApplicationSettings.UNCHANGED, app.currentRevision(), null, request));
        });
    }

    /** The current revision's targets on the given clusters (all when null); 422 for a cluster it has no target on. */
    public static List<Target> targetsOnClusters(ApplicationSpec spec, List<String> clusters, String action) {
        return targetsOn(spec, clusters, action);
    }

    /** Starts the uninstall; empty when a deleted application was purged at once. */
    public Optional<Operation> delete(String name, boolean deletePvcs, boolean purge, Long expectedVersion,
                                      RequestContext request) {
        ApplicationRecord app = find(name);
        if (app.state() == ApplicationState.Deleted) {
            if (!purge) {
                throw ApplicationConflictException.deletedAlready(name);
            }
            ledger.purgeDeleted(name, expectedVersion, request.actor(), request.requestId());
            return Optional.empty();
        }
        List<NewStep> steps = applications.targets(app.id()).stream()
                .map(t -> new NewStep(t.cluster(), t.namespace(), StepAction.Uninstall)).toList();
        return Optional.of(operation(ledger.recordChange(new ApplicationChange(name, OperationType.Delete, null, null,
                null, steps, OperationOptions.delete(deletePvcs, purge), ApplicationState.Deleting, ApplicationSettings.UNCHANGED, null,
                expectedVersion, request))));
    }

    /**
     * Applications in name order after {@code afterName}, of the projects the caller sees (empty: every project),
     * filtered. All filters but health are the database's;
     * health is the worst of the targets' as the view judges it, so with a health filter batches are read
     * until the page is full.
     */
    public List<ApplicationSummary> list(Optional<Set<UUID>> visibleProjects, String project, String templateSet, String cluster,
                                         io.berth.cluster.LabelSelector labels, ApplicationState state, Health health,
                                         String afterName, int limit) {
        List<ApplicationSummary> page = new ArrayList<>();
        Set<UUID> scope = visibleProjects.orElse(null);
        if (project != null) {
            Optional<UUID> found = projects.find(project).map(ProjectDirectory.Found::id);
            if (found.isEmpty() || scope != null && !scope.contains(found.get())) {
                return page; // no such project (or none the caller sees) holds no application
            }
            scope = Set.of(found.get());
        }
        if (scope != null && scope.isEmpty()) {
            return page;
        }
        String after = afterName;
        while (page.size() < limit) {
            // without a filter of its own, every row read is on the page: read no more than the page needs
            // (each row costs its revision, its targets and a summary)
            int batchSize = health != null ? LIST_BATCH : limit - page.size();
            List<ApplicationRecord> batch = applications.page(after, scope, templateSet, cluster, labels, state, batchSize);
            List<UUID> ids = batch.stream().map(ApplicationRecord::id).toList();
            Map<UUID, Revision> current = revisions.current(batch);
            Map<UUID, List<ApplicationSummary.TargetSummary>> targets = applications.targetSummaries(ids);
            for (ApplicationRecord app : batch) {
                if (!current.containsKey(app.id())) {
                    continue; // purged after its row was read (the reads are separate statements): it is gone
                }
                ApplicationSummary summary = ApplicationSummary.of(app, projects.nameOf(app.projectId()), current.get(app.id()),
                        targets.getOrDefault(app.id(), List.of()));
                if (page.size() < limit && (health == null || summary.health() == health)) {
                    page.add(summary);
                }
            }
            if (batch.size() < batchSize) {
                break;
            }
            after = batch.get(batch.size() - 1).name();
        }
        return page;
    }



    public ApplicationView get(String name) {
        ApplicationStore.WithTargets found = applications.findWithTargets(name)
                .orElseThrow(() -> new ApplicationNotFoundException(name));
        return ApplicationView.of(found.application(), projects.nameOf(found.application().projectId()),
                revisions.current(found.application()), found.targets());
    }

    public List<RevisionView> revisions(String name, Integer before, int limit) {
        ApplicationRecord app = find(name);
        return applications.revisions(app.id(), before == null ? Integer.MAX_VALUE : before, limit).stream()
                .map(RevisionView::of).toList();
    }

    /** Per target, what is no longer as Berth applied it (see {@link DriftView}). */
    public DriftView drift(String name, String cluster) {
        ApplicationRecord app = applications.find(name).orElseThrow(() -> new ApplicationNotFoundException(name));
        return DriftView.of(app, applications.targets(app.id()).stream()
                .filter(t -> cluster == null || t.cluster().equals(cluster)).toList());
    }

    public RevisionView revision(String name, int number) {
        ApplicationRecord app = find(name);
        return applications.revision(app.id(), number).map(RevisionView::of)
                .orElseThrow(() -> new RevisionNotFoundException(name, number));
    }

    /** Runs a POST once per Idempotency-Key: a retry gets the first request's operation back. */
    private Operation idempotent(RequestContext request, Supplier<UUID> action) {
        if (request.idempotencyKey() != null) {
            Optional<Operation> earlier = earlier(request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return operation(action.get());
        } catch (ConflictException | DuplicateKeyException lost) {
            // The same key sent twice at once: both requests found no operation under the key, and the one that
            // lost the race failed on what the winner wrote (the name taken, an operation under way, a revision
            // recorded meanwhile: conflicts all; or the key's unique constraint). The winner's operation,
            // committed by then, is the answer to both. Without a key, or without a winner, the failure stands.
            if (request.idempotencyKey() == null) {
                throw lost;
            }
            return earlier(request).orElseThrow(() -> lost);
        }
    }

    private Optional<Operation> earlier(RequestContext request) {
        return operations.findByIdempotencyKey(request.actor(), request.idempotencyKey()).map(keyed -> {
            if (!keyed.fingerprint().equals(request.fingerprint())) {
                throw new IdempotencyKeyReusedException();
            }
            return operations.find(keyed.id()).orElseThrow();
        });
    }

    private Operation operation(UUID id) {
        runner.nudge();
        return operations.find(id).orElseThrow();
    }

    private ApplicationRecord find(String name) {
        return applications.find(name).orElseThrow(() -> new ApplicationNotFoundException(name));
    }

    private ApplicationRecord requireChangeable(String name) {
        ApplicationRecord app = find(name);
        if (app.state() != ApplicationState.Active) {
            throw ApplicationConflictException.notActive(name, app.state());
        }
        if (app.activeOperationId() != null) {
            throw new ApplicationBusyException(name, app.activeOperationId());
        }
        return app;
    }

    private Revision currentRevision(ApplicationRecord app) {
        return applications.revision(app.id(), app.currentRevision()).orElseThrow();
    }

    /**
     * Where the application is deployed as recorded, not as the previous revision says: a target that
     * an earlier change dropped but could not uninstall (its cluster was down) is still there, and the
     * next change must uninstall it.
     */
    private List<Target> recordedTargets(ApplicationRecord app) {
        return applications.targets(app.id()).stream()
                .map(t -> new Target(t.cluster(), t.namespace(), Map.of(), false)).toList();
    }

    /** Apply on every target of the new spec; uninstall on the recorded targets it no longer has. */
    private static List<NewStep> applySteps(ApplicationSpec spec, List<Target> previous) {
        List<NewStep> steps = new ArrayList<>();
        spec.targets().forEach(t -> steps.add(new NewStep(t.cluster(), t.namespace(), StepAction.Apply)));
        Set<String> kept = spec.targets().stream().map(Target::key).collect(Collectors.toSet());
        previous.stream().filter(t -> !kept.contains(t.key()))
                .forEach(t -> steps.add(new NewStep(t.cluster(), t.namespace(), StepAction.Uninstall)));
        return steps;
    }

    private static Workload pickWorkload(ApplicationPlanner.Plan plan, String asked) {
        List<Workload> scalable = plan.rendered().stream().flatMap(r -> r.workloads().stream()).distinct().toList();
        List<String> keys = scalable.stream().map(Workload::key).distinct().toList();
        if (scalable.isEmpty()) {
            throw InvalidApplicationRequestException.noScalableWorkload();
        }
        if (asked == null && keys.size() > 1) {
            throw InvalidApplicationRequestException.severalScalableWorkloads(keys);
        }
        String key = asked == null ? keys.get(0) : asked;
        return scalable.stream().filter(w -> w.key().equals(key)).findFirst()
                .orElseThrow(() -> InvalidApplicationRequestException.notScalable(asked, keys));
    }

    /** The targets on these clusters (all of them when null); every cluster named must have one. */
    private static List<Target> targetsOn(ApplicationSpec spec, List<String> clusters, String action) {
        if (clusters == null) {
            return spec.targets();
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            String cluster = clusters.get(i);
            if (spec.targets().stream().noneMatch(t -> t.cluster().equals(cluster))) {
                violations.add(new Violation("clusters[" + i + "]", "the application has no target on cluster '" + cluster + "'"));
            }
        }
        if (!violations.isEmpty() || clusters.isEmpty()) {
            throw InvalidApplicationRequestException.outsideTargets(action,
                    violations.isEmpty() ? List.of(new Violation("clusters", "must not be empty")) : violations);
        }
        return spec.targets().stream().filter(t -> clusters.contains(t.cluster())).toList();
    }

    private static List<Target> targets(List<TargetBody> bodies) {
        return bodies == null ? List.of()
                : bodies.stream().map(b -> new Target(b.cluster(), b.namespace(), b.values(), false)).toList();
    }

    private static ClusterSelectorSpec selector(ClusterSelectorBody body) {
        return body == null ? null : new ClusterSelectorSpec(body.labelSelector(), body.namespace(), body.values());
    }

    private static boolean isTrue(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
