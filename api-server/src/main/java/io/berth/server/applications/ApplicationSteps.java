package io.berth.server.applications;

import io.berth.cluster.ClusterNotFoundException;
import io.berth.cluster.ClusterRegistry;
import io.berth.server.audit.AuditLog;
import io.berth.server.database.DatabaseFaults;
import io.berth.server.domain.FinalStepFailure;
import io.berth.server.metrics.ClusterMetrics;
import io.berth.engine.ApplyException;
import io.berth.engine.health.ClusterSilentException;
import io.berth.engine.ManifestApplier;
import io.berth.engine.health.NotReadyException;
import io.berth.engine.NotScalableException;
import io.berth.engine.ObjectRef;
import io.berth.engine.Stamp;
import io.berth.engine.health.WorkloadReadiness;
import io.berth.engine.WorkloadScaler;
import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationOptions;
import io.berth.server.operations.OperationSettings;
import io.berth.server.operations.OperationState;
import io.berth.server.operations.OperationStep;
import io.berth.server.operations.OperationType;
import io.berth.server.operations.StepWork;
import io.berth.template.WorkloadHint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The application side of operations: how a step applies a revision to its target, uninstalls it or
 * scales a workload there, and what is recorded when steps fail and operations end. Every step reads
 * what it needs from Postgres (the revision, the target's recorded objects), so a step that is redone
 * after a restart does exactly what the first try meant to.
 */
@Component
class ApplicationSteps implements StepWork {

    private static final Logger log = LoggerFactory.getLogger(ApplicationSteps.class);

    private final ApplicationStore applications;
    private final ApplicationRenderer renderer;
    private final ClusterRegistry clusters;
    private final AuditLog audit;
    private final Clock clock;
    private final ManifestApplier applier;
    private final WorkloadScaler scaler = new WorkloadScaler();
    private final WorkloadReadiness readiness;
    private final ClusterMetrics metrics;
    private final DataSteps dataSteps;

    ApplicationSteps(ApplicationStore applications, ApplicationRenderer renderer, ClusterRegistry clusters,
                     AuditLog audit, Clock clock, OperationSettings settings, ClusterMetrics metrics, DataSteps dataSteps) {
        this.applications = applications;
        this.dataSteps = dataSteps;
        this.metrics = metrics;
        this.renderer = renderer;
        this.clusters = clusters;
        this.audit = audit;
        this.clock = clock;
        this.applier = new ManifestApplier(settings.crdTimeout());
        this.readiness = new WorkloadReadiness(settings.readinessPoll(), settings.clusterSilence());
    }

    @Override
    public void perform(Operation operation, OperationStep step, BooleanSupplier cancelled) {
        ApplicationRecord app = applications.find(operation.application())
                .orElseThrow(() -> new IllegalStateException("application " + operation.application() + " is gone"));
        switch (step.action()) {
            case Apply -> apply(app, operation, step, cancelled);
            case Uninstall -> uninstall(app, operation, step);
            case Scale -> scale(app, operation, step, cancelled);
            case Backup, Restore, Schedule -> dataSteps.perform(app, operation, step, cancelled);
        }
    }

    private void apply(ApplicationRecord app, Operation operation, OperationStep step, BooleanSupplier cancelled) {
        Revision revision = revision(app, operation.revision());
        Target target = revision.spec().targets().stream()
                .filter(t -> t.cluster().equals(step.cluster()) && t.namespace().equals(step.namespace()))
                .findFirst().orElseThrow(() -> new IllegalStateException("revision " + revision.number()
                        + " has no target " + step.cluster() + "/" + step.namespace()));
        List<WorkloadHint> hints = renderer.hints(revision.spec());
        RenderedTarget rendered = renderer.render(app.name(), revision.spec(), target, clusters::get, hints);
        KubernetesClient client = clusters.client(step.cluster());
        List<AppliedObject> previous = recordedObjects(app, step);
        // Widen the record first: if the apply stops half-way, uninstall still knows what may exist.
        applications.recordObjects(app.id(), step.cluster(), step.namespace(), union(previous, planned(rendered, step)));
        Stamp stamp = new Stamp(app.name(), revision.number(), revision.spec().templateSet(), revision.spec().version(),
                revision.renderedDigest());
        List<ObjectRef> applied;
        try {
            applied = applier.apply(client, step.namespace(), revision.spec().createNamespace(), rendered.objects(), stamp);
            applier.prune(client, app.name(), refs(previous), applied);
        } catch (RuntimeException e) {
            metrics.applyFailed(step.cluster());
            throw e;
        }
        applications.markApplied(app.id(), step.cluster(), step.namespace(), revision.number(), applied(applied), now());
        if (operation.options().waitForReady()) {
            awaitReady(app, hints, client, applied, operation.options(), step, cancelled);
        }
    }

    private void uninstall(ApplicationRecord app, Operation operation, OperationStep step) {
        Optional<TargetState> target = target(app, step);
        if (target.isEmpty()) {
            return; // uninstalled before a restart cut the operation short
        }
        dataSteps.uninstalling(app, step.cluster(), step.namespace());
        applier.uninstall(clusters.client(step.cluster()), app.name(), refs(target.get().objects()),
                operation.options().deletePvcs());
        applications.deleteTarget(app.id(), step.cluster(), step.namespace());
    }

    private void scale(ApplicationRecord app, Operation operation, OperationStep step, BooleanSupplier cancelled) {
        OperationOptions.ScaleTarget scale = operation.options().scale();
        String kind = scale.workload().substring(0, scale.workload().indexOf('/'));
        String name = scale.workload().substring(scale.workload().indexOf('/') + 1);
        List<AppliedObject> objects = recordedObjects(app, step);
        Optional<AppliedObject> workload = objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
        if (workload.isEmpty()) {
            apply(app, operation, step, cancelled); // never applied there: the revision carries the new count
            return;
        }
        KubernetesClient client = clusters.client(step.cluster());
        ObjectRef ref = workload.get().ref();
        scaler.scale(client, ref, scale.replicasPath(), scale.replicas());
        applications.markApplied(app.id(), step.cluster(), step.namespace(), operation.revision(), objects, now());
        if (operation.options().waitForReady()) {
            awaitReady(app, renderer.hints(revision(app, operation.revision()).spec()), client, List.of(ref),
                    operation.options(), step, cancelled);
        }
    }

    private void awaitReady(ApplicationRecord app, List<WorkloadHint> hints, KubernetesClient client,
                            List<ObjectRef> objects, OperationOptions options, OperationStep step, BooleanSupplier cancelled) {
        try {
            readiness.awaitReady(client, objects, ApplicationRenderer.healthByKind(hints),
                    Duration.ofSeconds(options.timeoutSeconds()), cancelled);
        } catch (NotReadyException | ClusterSilentException e) {
            applications.noteError(app.id(), step.cluster(), step.namespace(), e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean retryable(Throwable error) {
        if (error instanceof FinalStepFailure) {
            return false;
        }
        if (error instanceof NotReadyException || error instanceof NotScalableException
                || error instanceof ClusterNotFoundException || error instanceof IllegalStateException) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k) {
                int code = k.getCode();
                // the cluster refused the object itself (invalid, forbidden, unknown kind): trying again changes nothing
                return !(code == 400 || code == 403 || code == 404 || code == 405 || code == 422);
            }
        }
        return !(error instanceof ApplyException a && a.getCause() == null);
    }

    @Override
    public String describe(OperationStep step, Throwable error) {
        if (DatabaseFaults.isDatabaseError(error)) {
            // Berth's own failure: the cluster is not to blame, and the details belong in Berth's log only
            log.error("{} on {}/{} failed inside Berth", step.action(), step.cluster(), step.namespace(), error);
            return "Berth failed on its side (not the cluster's): " + error.getClass().getSimpleName()
                    + "; see Berth's log for this operation";
        }
        // these messages are written by Berth (and name the object); anything else is explained by the registry
        if (error instanceof ApplyException || error instanceof NotReadyException || error instanceof NotScalableException
                || error instanceof FinalStepFailure
                || error instanceof ClusterNotFoundException || error instanceof ClusterSilentException) {
            return error.getMessage();
        }
        return clusters.explainFailure(step.cluster(), error);
    }

    @Override
    public void stepFailed(Operation operation, OperationStep step, String error) {
        applications.find(operation.application())
                .ifPresent(app -> applications.markFailed(app.id(), step.cluster(), step.namespace(), error));
    }

    @Override
    public void finished(Operation operation, OperationState state, String error) {
        if (operation.type() == OperationType.Backup || operation.type() == OperationType.Restore
                || operation.type() == OperationType.Schedule) {
            dataSteps.finished(operation, state, error);
        }
        applications.lock(operation.application()).ifPresent(app -> {
            applications.clearActiveOperation(app.id(), operation.id());
            if (operation.type() == OperationType.Delete && state == OperationState.Succeeded) {
                if (operation.options().purge()) {
                    applications.purge(app.id());
                } else {
                    applications.setState(app.id(), ApplicationState.Deleted, now());
                }
            }
        });
        List<String> where = operation.steps().stream().map(OperationStep::cluster).distinct().toList();
        audit.record(operation.requestedBy(), operation.type().name(), operation.application(), where, state.name(),
                operation.requestId(), operation.id(), error);
    }

    private Revision revision(ApplicationRecord app, Integer number) {
        return applications.revision(app.id(), number)
                .orElseThrow(() -> new IllegalStateException("revision " + number + " of " + app.name() + " is missing"));
    }

    private Optional<TargetState> target(ApplicationRecord app, OperationStep step) {
        return applications.targets(app.id()).stream()
                .filter(t -> t.cluster().equals(step.cluster()) && t.namespace().equals(step.namespace())).findFirst();
    }

    private List<AppliedObject> recordedObjects(ApplicationRecord app, OperationStep step) {
        return target(app, step).map(TargetState::objects).orElse(List.of());
    }

    /** What the rendered objects will be called once applied (the namespace as the applier will default it). */
    private static List<AppliedObject> planned(RenderedTarget rendered, OperationStep step) {
        return rendered.objects().stream().map(o -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) o.getOrDefault("metadata", Map.of());
            Object namespace = metadata.get("namespace");
            return new AppliedObject(String.valueOf(o.get("apiVersion")), String.valueOf(o.get("kind")),
                    namespace == null ? step.namespace() : namespace.toString(), String.valueOf(metadata.get("name")));
        }).toList();
    }

    private static List<AppliedObject> union(List<AppliedObject> a, List<AppliedObject> b) {
        Set<AppliedObject> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static List<ObjectRef> refs(List<AppliedObject> objects) {
        return objects.stream().map(AppliedObject::ref).toList();
    }

    private static List<AppliedObject> applied(List<ObjectRef> refs) {
        return refs.stream().map(r -> new AppliedObject(r.apiVersion(), r.kind(), r.namespace(), r.name())).toList();
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
