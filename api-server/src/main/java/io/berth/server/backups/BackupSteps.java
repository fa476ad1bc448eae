package io.berth.server.backups;

import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.berth.engine.Stamp;
import io.berth.engine.health.NotReadyException;
import io.berth.engine.health.WorkloadReadiness;
import io.berth.server.applications.ApplicationRecord;
import io.berth.server.applications.ApplicationRenderer;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.applications.DataSteps;
import io.berth.server.applications.Revision;
import io.berth.server.applications.Target;
import io.berth.server.backups.BackupDeclarations.Declared;
import io.berth.server.domain.FinalStepFailure;
import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationOptions.DataOptions;
import io.berth.server.operations.OperationSettings;
import io.berth.server.operations.OperationState;
import io.berth.server.operations.OperationStep;
import io.berth.server.operations.OperationType;
import io.berth.template.BackupHint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of backup, restore and schedule operations on one target, through the workload's operator
 * as the template version declares it: deliver the location's credentials as a Secret, create the
 * operator's resource, wait for its status to say how it went, and record the outcome. A step that is
 * repeated (after a restart) finds what the first attempt created and carries on from there.
 */
@Component
class BackupSteps implements DataSteps {

    /** Marks a restore resource with the operation that created it, so a repeated step does not restore twice. */
    static final String OPERATION_ANNOTATION = "berth.io/operation";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final BackupStore backups;
    private final BackupLocationService locations;
    private final BackupDeclarations declarations;
    private final ApplicationStore applications;
    private final ClusterRegistry clusters;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration poll;
    private final ManifestApplier applier;
    private final WorkloadReadiness readiness;
    private final ApplicationRenderer renderer;
    private final ObjectStoreReader objectStore;
    private final CompanionStore companions;
    private final ScheduledBackupObserver observer;

    BackupSteps(BackupStore backups, BackupLocationService locations, BackupDeclarations declarations,
                ApplicationStore applications, ApplicationRenderer renderer, ClusterRegistry clusters, JsonMapper json,
                Clock clock, OperationSettings settings, ObjectStoreReader objectStore, CompanionStore companions,
                ScheduledBackupObserver observer) {
        this.observer = observer;
        this.objectStore = objectStore;
        this.companions = companions;
        this.backups = backups;
        this.locations = locations;
        this.declarations = declarations;
        this.applications = applications;
        this.renderer = renderer;
        this.clusters = clusters;
        this.json = json;
        this.clock = clock;
        this.poll = settings.readinessPoll();
        this.applier = new ManifestApplier(settings.crdTimeout());
        this.readiness = new WorkloadReadiness(settings.readinessPoll(), settings.clusterSilence());
    }

    @Override
    public void perform(ApplicationRecord app, Operation operation, OperationStep step, BooleanSupplier cancelled) {
        Revision revision = applications.revision(app.id(), operation.revision()).orElseThrow(
                () -> new IllegalStateException("revision " + operation.revision() + " of " + app.name() + " is missing"));
        Target target = revision.spec().targets().stream()
                .filter(t -> t.cluster().equals(step.cluster()) && t.namespace().equals(step.namespace())).findFirst()
                .orElseThrow(() -> new FinalStepFailure("the application has no target " + step.cluster() + "/" + step.namespace()
                        + " any more"));
        Instant deadline = Instant.now(clock).plusSeconds(operation.options().timeoutSeconds());
        switch (step.action()) {
            case Backup -> backUp(app, revision, target, operation, deadline, cancelled);
            case Restore -> restore(app, revision, target, operation, deadline, cancelled);
            case Schedule -> schedule(app, revision, target, operation);
            default -> throw new IllegalStateException(step.action() + " is not a step on data");
        }
    }

    private void backUp(ApplicationRecord app, Revision revision, Target target, Operation operation, Instant deadline,
                        BooleanSupplier cancelled) {
        List<Declared> workloads = declarations.on(app, revision, target);
        if (workloads.isEmpty()) {
            throw new FinalStepFailure(noBackupDeclared(revision));
        }
        BackupLocationStore.Row location = locations.require(operation.options().data().location());
        KubernetesClient client = clusters.client(target.cluster());
        String secret = ObjectStoreSecret.deliver(client, target.namespace(), location.location(), locations.credentials(location));
        for (Declared workload : workloads) {
            UUID id = UUID.nameUUIDFromBytes((operation.id() + "/" + target.key() + "/" + workload.workload())
                    .getBytes(StandardCharsets.UTF_8));
            String key = ObjectKeys.prefix(location.location(), app.name(), target, workload) + "/" + id;
            String name = app.name() + "-backup-" + id.toString().substring(0, 8);
            Map<String, Object> resource = declarations.render(app, revision, target, workload.backup().oneShot(),
                    parameters(location.location(), name, key, secret, null, null));
            ObjectRef ref = refOf(resource, target.namespace());
            backups.insertRunning(new BackupStore.Started(id, app.id(), operation.id(), location.id(), target.cluster(),
                    target.namespace(), workload.workload(), ref.kind() + "/" + ref.name(), key, Instant.now(clock)));
            applier.apply(client, target.namespace(), false, List.of(resource), stamp(app, revision));
            companions.record(app.id(), target.cluster(), ref, CompanionStore.Purpose.Backup, Instant.now(clock));
            OperatorStatus outcome = awaitDecision(client, ref, workload.backup().oneShot(), deadline, cancelled,
                    "the backup of " + workload.workload());
            if (outcome.reason() != null && !outcome.succeeded()) {
                backups.failed(id, outcome.reason(), Instant.now(clock));
                throw new FinalStepFailure(workload.workload() + ": the backup operator failed: " + outcome.reason());
            }
            backups.succeeded(id, outcome.revision(), outcome.finished() != null ? outcome.finished() : Instant.now(clock));
            objectStore.size(location, key).ifPresent(size -> backups.setSize(location.id(), key, size));
        }
    }

    private void restore(ApplicationRecord app, Revision revision, Target target, Operation operation, Instant deadline,
                         BooleanSupplier cancelled) {
        DataOptions data = operation.options().data();
        BackupStore.Row backup = backups.find(app.id(), data.backup())
                .orElseThrow(() -> new FinalStepFailure("backup " + data.backup() + " is no longer recorded"));
        Declared workload = declarations.of(app, revision, target, backup.backup().workload())
                .orElseThrow(() -> new FinalStepFailure(backup.backup().workload() + " is not in revision " + revision.number()
                        + " with a restore declared (" + revision.spec().templateSet() + " " + revision.spec().version() + ")"));
        BackupLocationStore.Row location = locations.require(backup.locationId());
        if (objectStore.exists(location, backup.backup().objectKey()).map(there -> !there).orElse(false)) {
            // checked again just before: the restore operator deletes the live cluster before it reads the object
            throw new FinalStepFailure("the object " + backup.backup().objectKey() + " is no longer in location "
                    + location.location().name() + " (pruned by a schedule's operator?); nothing was restored or changed");
        }
        KubernetesClient client = clusters.client(target.cluster());
        String secret = ObjectStoreSecret.deliver(client, target.namespace(), location.location(), locations.credentials(location));
        Map<String, Object> resource = withAnnotation(declarations.render(app, revision, target, workload.backup().restore(),
                parameters(location.location(), app.name() + "-restore-" + operation.id().toString().substring(0, 8),
                        backup.backup().objectKey(), secret, null, null)), operation.id().toString());
        ObjectRef ref = refOf(resource, target.namespace());
        Resource<GenericKubernetesResource> live = resource(client, ref);
        GenericKubernetesResource earlier = live.get();
        if (earlier != null && !operation.id().toString().equals(earlier.getMetadata().getAnnotations() == null ? null
                : earlier.getMetadata().getAnnotations().get(OPERATION_ANNOTATION))) {
            // an operator acts once per resource: an earlier restore's must go before this one is created
            live.delete();
            awaitGone(live, deadline, cancelled);
        }
        applier.apply(client, target.namespace(), false, List.of(resource), stamp(app, revision));
        companions.record(app.id(), target.cluster(), ref, CompanionStore.Purpose.Restore, Instant.now(clock));
        OperatorStatus outcome = awaitDecision(client, ref, workload.backup().restore(), deadline, cancelled,
                "the restore of " + workload.workload());
        if (!outcome.succeeded()) {
            throw new FinalStepFailure(workload.workload() + ": the restore operator failed: " + outcome.reason());
        }
        ObjectRef rebuilt = new ObjectRef(workload.apiVersion(), workload.kind(), target.namespace(), workload.name());
        Duration left = Duration.between(Instant.now(clock), deadline);
        try {
            readiness.awaitReady(client, List.of(rebuilt), ApplicationRenderer.healthByKind(renderer.hints(revision.spec())),
                    left.isNegative() ? Duration.ZERO : left, cancelled);
        } catch (NotReadyException notReady) {
            throw new FinalStepFailure(workload.workload() + " was restored from " + backup.backup().objectKey()
                    + " by its operator but is not healthy again: " + notReady.getMessage());
        }
    }

    private void schedule(ApplicationRecord app, Revision revision, Target target, Operation operation) {
        DataOptions data = operation.options().data();
        List<Declared> workloads = declarations.on(app, revision, target).stream().filter(d -> d.backup().scheduled() != null)
                .toList();
        if (workloads.isEmpty() && !data.unschedule()) {
            throw new FinalStepFailure(revision.spec().templateSet() + " " + revision.spec().version()
                    + " declares no scheduled backup for the workloads on " + target.cluster() + "/" + target.namespace());
        }
        BackupLocationStore.Row location = locations.require(data.location());
        KubernetesClient client = clusters.client(target.cluster());
        String secret = data.unschedule() ? ObjectStoreSecret.nameFor(location.location().name())
                : ObjectStoreSecret.deliver(client, target.namespace(), location.location(), locations.credentials(location));
        for (Declared workload : workloads) {
            Map<String, Object> resource = declarations.render(app, revision, target, workload.backup().scheduled(),
                    parameters(location.location(), ObjectKeys.scheduleName(app.name(), workload), 
                            ObjectKeys.prefix(location.location(), app.name(), target, workload) + "/scheduled", secret,
                            data.intervalSeconds() == null ? 0 : data.intervalSeconds(),
                            data.maxBackups() == null ? 0 : data.maxBackups()));
            ObjectRef ref = refOf(resource, target.namespace());
            if (data.unschedule()) {
                resource(client, ref).delete();
                companions.forget(app.id(), target.cluster(), ref);
                // a last look, so the record holds what the schedule left in the store (taken and pruned since
                // the observer's previous look), before the schedule is forgotten
                observer.observeStore(app, target, workload, location, ref.kind() + "/" + ref.name(), 0);
            } else {
                applier.apply(client, target.namespace(), false, List.of(resource), stamp(app, revision));
                companions.record(app.id(), target.cluster(), ref, CompanionStore.Purpose.Schedule, Instant.now(clock));
            }
        }
    }

    @Override
    public void uninstalling(ApplicationRecord app, String cluster, String namespace) {
        if (applications.targets(app.id()).stream().allMatch(t -> t.cluster().equals(cluster) && t.namespace().equals(namespace))) {
            backups.deleteSchedule(app.id()); // its last target goes: nothing is scheduled any more
        }
        List<ObjectRef> created = companions.on(app.id(), cluster, namespace);
        if (created.isEmpty()) {
            return;
        }
        KubernetesClient client = clusters.client(cluster);
        List<ObjectRef> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        for (ObjectRef ref : newestFirst) {
            // a periodic backup left behind would go on writing; the objects it wrote stay in the store
            ResourceTypes.find(client, ref.apiVersion(), ref.kind())
                    .ifPresent(type -> ResourceTypes.resource(client, type, ref).delete());
            companions.forget(app.id(), cluster, ref);
        }
    }

    @Override
    public void finished(Operation operation, OperationState state, String error) {
        if (operation.type() == OperationType.Backup && state != OperationState.Succeeded) {
            backups.failRunning(operation.id(), error != null ? error : "the operation ended " + state, Instant.now(clock));
        }
        if (operation.type() == OperationType.Schedule && state == OperationState.Succeeded) {
            applications.find(operation.application()).ifPresent(app -> {
                DataOptions data = operation.options().data();
                if (data.unschedule()) {
                    backups.deleteSchedule(app.id());
                } else {
                    backups.putSchedule(app.id(), locations.require(data.location()).id(), data.intervalSeconds(),
                            data.maxBackups(), Instant.now(clock), operation.requestedBy());
                }
            });
        }
    }

    /** Polls the resource until its status says how it went; a timeout or a cancel ends the step. */
    private OperatorStatus awaitDecision(KubernetesClient client, ObjectRef ref, BackupHint.BackupResource declared,
                                         Instant deadline, BooleanSupplier cancelled, String what) {
        Resource<GenericKubernetesResource> live = resource(client, ref);
        while (true) {
            GenericKubernetesResource object = live.get();
            if (object != null) {
                OperatorStatus status = OperatorStatus.of(json.convertValue(object, OBJECT), declared);
                if (status.decided()) {
                    return status;
                }
            }
            if (Instant.now(clock).isAfter(deadline)) {
                throw new FinalStepFailure(what + " was not done within the operation's timeout: " + ref.kind() + "/" + ref.name()
                        + (object == null ? " does not exist" : " has no outcome in its status")
                        + " (is the operator installed and running in " + ref.namespace() + "?)");
            }
            pause(cancelled);
        }
    }

    private void awaitGone(Resource<GenericKubernetesResource> live, Instant deadline, BooleanSupplier cancelled) {
        while (live.get() != null) {
            if (Instant.now(clock).isAfter(deadline)) {
                throw new FinalStepFailure("an earlier restore resource was not deleted within the operation's timeout");
            }
            pause(cancelled);
        }
    }

    private void pause(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while waiting for the operator");
        }
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the operator");
        }
    }

    private static Resource<GenericKubernetesResource> resource(KubernetesClient client, ObjectRef ref) {
        ResourceDefinitionContext type = ResourceTypes.find(client, ref.apiVersion(), ref.kind()).orElseThrow(() ->
                new FinalStepFailure("the cluster does not serve " + ref.kind() + " of " + ref.apiVersion()
                        + ": install its operator (and its CustomResourceDefinition) in " + ref.namespace() + " first"));
        return ResourceTypes.resource(client, type, ref);
    }

    /** The backup's parameters, {@code berth.backup.*} in the declared templates. */
    private static Map<String, Object> parameters(BackupLocation location, String name, String key, String secret,
                                                  Integer intervalSeconds, Integer maxBackups) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("name", name);
        parameters.put("path", location.bucket() + "/" + key);
        parameters.put("bucket", location.bucket());
        parameters.put("key", key);
        parameters.put("endpoint", location.endpoint());
        parameters.put("forcePathStyle", location.forcePathStyle());
        parameters.put("region", location.region());
        parameters.put("secret", secret);
        if (intervalSeconds != null) {
            parameters.put("intervalSeconds", intervalSeconds);
            parameters.put("maxBackups", maxBackups);
        }
        return parameters;
    }

    private Map<String, Object> withAnnotation(Map<String, Object> object, String operationId) {
        Map<String, Object> copy = json.convertValue(object, OBJECT);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) metadata.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
        annotations.put(OPERATION_ANNOTATION, operationId);
        return copy;
    }

    private static ObjectRef refOf(Map<String, Object> object, String namespace) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return new ObjectRef(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")), namespace,
                String.valueOf(metadata.get("name")));
    }

    private static Stamp stamp(ApplicationRecord app, Revision revision) {
        return new Stamp(app.name(), revision.number(), revision.spec().templateSet(), revision.spec().version(),
                revision.renderedDigest());
    }

    static String noBackupDeclared(Revision revision) {
        return revision.spec().templateSet() + " " + revision.spec().version() + " declares no backup for its workloads";
    }
}
