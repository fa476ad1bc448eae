package io.berth.server.backups;

import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.berth.cluster.ClusterRegistry;
import io.berth.server.applications.ApplicationRecord;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.applications.Revision;
import io.berth.server.applications.Target;
import io.berth.server.backups.BackupDeclarations.Declared;
import io.berth.template.BackupHint;
import io.berth.template.ObjectKeyPattern;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what the operators' periodic backups did. For each schedule, target and workload it reads the
 * periodic resource's status (the last backup: its revision and time, hence its object key) and, where
 * Berth can read the location, the objects under the schedule's key: each is recorded (a backup taken
 * between two looks included) with its size, and a recorded one whose object is gone is marked
 * {@code Pruned}. Where the location cannot be read, the operator's own rule stands in: the newest
 * {@code maxBackups} keys, in descending string order, are kept. Every Berth looks; the records are
 * idempotent, so several Berths agree.
 */
@Component
class ScheduledBackupObserver {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackupObserver.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final BackupStore backups;
    private final BackupLocationService locations;
    private final BackupDeclarations declarations;
    private final ApplicationStore applications;
    private final ClusterRegistry clusters;
    private final ObjectStoreReader store;
    private final JsonMapper json;
    private final CompanionStore companions;

    ScheduledBackupObserver(BackupStore backups, BackupLocationService locations, BackupDeclarations declarations,
                            ApplicationStore applications, ClusterRegistry clusters, ObjectStoreReader store, JsonMapper json,
                            CompanionStore companions) {
        this.companions = companions;
        this.backups = backups;
        this.locations = locations;
        this.declarations = declarations;
        this.applications = applications;
        this.clusters = clusters;
        this.store = store;
        this.json = json;
    }

    @Scheduled(initialDelayString = "${berth.backups.observe-every:15s}", fixedDelayString = "${berth.backups.observe-every:15s}")
    void observeAll() {
        for (BackupStore.ScheduleRow schedule : backups.schedules()) {
            try {
                observe(schedule);
            } catch (RuntimeException e) {
                // a cluster that does not answer, an application changed meanwhile: the next look tries again
                log.debug("Could not observe the backups of {}: {}", schedule.schedule().application(), e.toString());
            }
        }
    }

    void observe(BackupStore.ScheduleRow schedule) {
        Optional<ApplicationRecord> found = applications.find(schedule.schedule().application());
        if (found.isEmpty()) {
            return;
        }
        ApplicationRecord app = found.get();
        Revision revision = applications.revision(app.id(), app.currentRevision()).orElseThrow();
        BackupLocationStore.Row location = locations.require(schedule.locationId());
        for (Target target : revision.spec().targets()) {
            for (Declared workload : declarations.on(app, revision, target)) {
                if (workload.backup().scheduled() != null) {
                    observe(app, target, workload, location, schedule.schedule().maxBackups());
                }
            }
        }
    }

    private void observe(ApplicationRecord app, Target target, Declared workload, BackupLocationStore.Row location,
                         int maxBackups) {
        Optional<ObjectRef> periodic = companions.named(app.id(), target.cluster(), target.namespace(),
                ObjectKeys.scheduleName(app.name(), workload));
        if (periodic.isEmpty()) {
            return; // the schedule's resource is not (yet) on this target
        }
        ObjectRef ref = periodic.get();
        String resource = ref.kind() + "/" + ref.name();
        BackupHint.BackupResource declared = workload.backup().scheduled();
        String prefix = ObjectKeys.prefix(location.location(), app.name(), target, workload) + "/scheduled";
        KubernetesClient client = clusters.client(target.cluster());
        GenericKubernetesResource live = ResourceTypes.find(client, ref.apiVersion(), ref.kind())
                .map(type -> ResourceTypes.resource(client, type, ref).get()).orElse(null);
        if (live != null) {
            OperatorStatus status = OperatorStatus.of(json.convertValue(live, OBJECT), declared);
            if (status.succeeded() && status.finished() != null) {
                record(app, target, workload, location, resource,
                        ObjectKeyPattern.keyOf(declared.objectKey(), prefix, status.revision(), status.finished()),
                        status.revision(), status.finished());
            }
        }
        observeStore(app, target, workload, location, resource, maxBackups);
    }

    /**
     * What the location holds of a target's scheduled objects, recorded: each object (with its size), and the
     * recorded ones that are gone marked Pruned. Where the store cannot be read and {@code maxBackups} is set, the
     * operator's rule stands in.
     *
     * @param resource the periodic resource that writes them, {@code Kind/name}
     */
    void observeStore(ApplicationRecord app, Target target, Declared workload, BackupLocationStore.Row location,
                      String resource, int maxBackups) {
        BackupHint.BackupResource declared = workload.backup().scheduled();
        String prefix = ObjectKeys.prefix(location.location(), app.name(), target, workload) + "/scheduled";
        Optional<List<ObjectStoreReader.StoredObject>> listed = store.list(location, prefix);
        if (listed.isPresent()) {
            for (ObjectStoreReader.StoredObject object : listed.get()) {
                ObjectKeyPattern.parse(declared.objectKey(), prefix, object.key()).ifPresent(parsed -> record(app, target,
                        workload, location, resource, object.key(), parsed.revision(),
                        parsed.finished() != null ? parsed.finished() : Instant.now()));
                backups.setSize(location.id(), object.key(), object.size());
            }
            Set<String> there = listed.get().stream().map(ObjectStoreReader.StoredObject::key).collect(Collectors.toSet());
            backups.markPruned(location.id(), backups.keptScheduledKeys(app.id(), target.cluster(), target.namespace(),
                    location.id(), prefix).stream().filter(key -> !there.contains(key)).toList());
        } else if (maxBackups > 0) {
            String bucket = location.location().bucket() + "/";
            List<String> kept = backups.keptScheduledKeys(app.id(), target.cluster(), target.namespace(), location.id(), prefix)
                    .stream().sorted(Comparator.comparing((String key) -> bucket + key).reversed()).toList();
            if (kept.size() > maxBackups) {
                backups.markPruned(location.id(), kept.subList(maxBackups, kept.size()));
            }
        }
    }

    private void record(ApplicationRecord app, Target target, Declared workload, BackupLocationStore.Row location,
                        String resource, String key, Long revision, Instant finished) {
        backups.recordScheduled(app.id(), location.id(), target.cluster(), target.namespace(), workload.workload(), resource,
                key, revision, finished);
    }
}
