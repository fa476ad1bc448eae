package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The etcd backup operator (coreos/etcd-operator v0.9.4, {@code etcdbackups.etcd.database.coreos.com/v1beta2}),
 * for backups to S3. The snapshot is what the EtcdCluster named by {@code spec.etcdEndpoints}
 * ({@code http://<cluster>-client:2379}) holds ({@link EtcdData}), written as JSON
 * ({@code {"revision": n, "keys": {...}}}) to {@code spec.s3.path} ({@code <bucket>/<key>}) at
 * {@code spec.s3.endpoint}, with the credentials of the Secret {@code spec.s3.awsSecret} in the backup's
 * namespace ({@link OperatorS3Client}).
 * <p>
 * An EtcdBackup whose {@code spec.backupPolicy.backupIntervalInSecond} is 0 or absent is one-shot: it is
 * taken once, like the real operator (one whose status has {@code succeeded} or {@code Reason} is left
 * alone). A positive interval makes it periodic: the operator adds the finalizer
 * {@code backup-operator-periodic} and starts a runner whose first backup comes one interval later, then
 * one every interval (a missed tick is dropped, as by Go's ticker), each written to
 * {@code <spec.s3.path>_v<etcd revision>_<UTC time as 2006-01-02-15:04:05>}. A change of the spec (or a new
 * EtcdBackup of the same name) restarts the runner; deleting the EtcdBackup stops it and removes the
 * finalizer, and the objects written stay. With {@code backupPolicy.maxBackups} above 0, every successful
 * backup (one-shot too) is followed by pruning: the objects under {@code spec.s3.path} are listed, sorted
 * by {@code <bucket>/<key>} in descending string order, and all but the first {@code maxBackups} deleted.
 * <p>
 * The status is the real one's, written with the whole object: on success {@code succeeded: true},
 * {@code etcdRevision}, {@code etcdVersion}, {@code lastSuccessDate} (RFC 3339) and no {@code Reason}; on
 * failure {@code succeeded: false} and the reason in {@code Reason} (capital R, as the operator's JSON has
 * it), the other fields kept. Reasons are the operator's: {@code spec.etcdEndpoints should not be empty},
 * {@code spec.BackupPolicy.BackupIntervalInSecond should not be lower than 0} (a negative interval is
 * reported once, as for a one-shot backup: the real operator would start a ticker with it, which Go
 * refuses), the same for {@code MaxBackups}, {@code failed to save snapshot (...)} and
 * {@code succeeded in saving snapshot but failed to delete old snapshot (...)}.
 * <p>
 * It acts only while its CRD exists and, when {@code etcdOperatorNeedsDeployment} is set, while a
 * Deployment {@code etcd-backup-operator} in the backup's namespace has a ready replica; when it stops
 * being ready, its runners stop with it (and start again, one interval on, once it is ready).
 */
public final class EtcdBackupOperator implements Controller {

    public static final String CRD_NAME = "etcdbackups.etcd.database.coreos.com";
    public static final ResourceDefinitionContext ETCD_BACKUPS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdbackups")
            .withKind("EtcdBackup").withNamespaced(true).build();
    public static final String OPERATOR_DEPLOYMENT = "etcd-backup-operator";
    /** The finalizer that keeps a periodic EtcdBackup until its runner is stopped. */
    public static final String PERIODIC_FINALIZER = "backup-operator-periodic";

    // Go's time layout 2006-01-02-15:04:05, in UTC, as the periodic object names carry it
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter PERIODIC_SUFFIX = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SimContext context;
    // The periodic runner of each EtcdBackup: for which object and spec it was started, and its next tick.
    private final Map<ObjectKey, Runner> runners = new ConcurrentHashMap<>();

    public EtcdBackupOperator(SimContext context) {
        this.context = context;
    }

    /** A periodic backup's runner; its ticks are reconciles of the backup's key, scheduled on the queue. */
    private static final class Runner {
        final String uid;
        final JsonNode spec;
        final Duration interval;
        Instant due;

        Runner(String uid, JsonNode spec, Duration interval, Instant due) {
            this.uid = uid;
            this.spec = spec;
            this.interval = interval;
            this.due = due;
        }
    }

    @Override
    public String resource() {
        return "etcdbackups";
    }

    @Override
    public void reconcile(ObjectKey key) {
        KubernetesClient client = context.client();
        if (client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get() == null) {
            runners.remove(key);
            return;
        }
        GenericKubernetesResource backup = client.genericKubernetesResources(ETCD_BACKUPS).inNamespace(key.namespace())
                .withName(key.name()).get();
        if (backup == null || !operatorRunning(key.namespace())) {
            runners.remove(key);
            return;
        }
        if (backup.getMetadata().getDeletionTimestamp() != null) {
            runners.remove(key);
            removeFinalizer(backup);
            return;
        }
        Map<String, Object> spec = map(backup.getAdditionalProperties().get("spec"));
        long interval = intervalSeconds(spec);
        if (interval <= 0) {
            runners.remove(key);
            if (!handled(backup)) {
                report(backup, handleBackup(key.namespace(), spec, false));
            }
            return;
        }
        Runner runner = runners.get(key);
        if (runner == null || !runner.uid.equals(backup.getMetadata().getUid()) || !runner.spec.equals(JSON.valueToTree(spec))) {
            start(key, backup, spec, Duration.ofSeconds(interval));
            return;
        }
        Instant now = Instant.now();
        if (now.isBefore(runner.due)) {
            return; // woken by a change that is not the spec's (such as its own status)
        }
        // the next tick is due one interval after this one; ticks missed meanwhile are dropped
        runner.due = runner.due.plus(runner.interval);
        if (!runner.due.isAfter(now)) {
            runner.due = now.plus(runner.interval);
        }
        context.queue().enqueueAfter(key, Duration.between(now, runner.due));
        report(backup, handleBackup(key.namespace(), spec, true));
    }

    /** Starts (or restarts) the periodic runner: the finalizer first, then the first tick one interval on. */
    private void start(ObjectKey key, GenericKubernetesResource backup, Map<String, Object> spec, Duration interval) {
        runners.remove(key);
        List<String> finalizers = backup.getMetadata().getFinalizers();
        if (!finalizers.contains(PERIODIC_FINALIZER)) {
            List<String> more = new ArrayList<>(finalizers);
            more.add(PERIODIC_FINALIZER);
            backup.getMetadata().setFinalizers(more);
            backup = context.client().genericKubernetesResources(ETCD_BACKUPS).inNamespace(key.namespace()).resource(backup).update();
        }
        runners.put(key, new Runner(backup.getMetadata().getUid(), JSON.valueToTree(spec), interval, Instant.now().plus(interval)));
        context.queue().enqueueAfter(key, interval);
    }

    private void removeFinalizer(GenericKubernetesResource backup) {
        List<String> finalizers = backup.getMetadata().getFinalizers();
        if (!finalizers.contains(PERIODIC_FINALIZER)) {
            return;
        }
        backup.getMetadata().setFinalizers(finalizers.stream().filter(f -> !PERIODIC_FINALIZER.equals(f)).toList());
        // with its last finalizer gone the object is deleted, and the answer has no object to read
        context.client().genericKubernetesResources(ETCD_BACKUPS).inNamespace(backup.getMetadata().getNamespace())
                .withName(backup.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                        JSON.writeValueAsString(Map.of("metadata", Map.of("finalizers", backup.getMetadata().getFinalizers()))));
    }

    /** A one-shot backup is taken once: whatever its outcome, a status says it was. */
    private static boolean handled(GenericKubernetesResource backup) {
        Map<String, Object> status = map(backup.getAdditionalProperties().get("status"));
        return Boolean.TRUE.equals(status.get("succeeded")) || status.get("Reason") != null;
    }

    private static long intervalSeconds(Map<String, Object> spec) {
        return map(spec.get("backupPolicy")).get("backupIntervalInSecond") instanceof Number n ? n.longValue() : 0;
    }

    /** What one backup came to: the saved snapshot and when it was taken, or why it failed. */
    private record Outcome(EtcdData.Snapshot saved, Instant taken, String etcdVersion, String failure) {
    }

    /** The operator's {@code handleBackup}: validation, then the snapshot saved, then pruning. */
    private Outcome handleBackup(String namespace, Map<String, Object> spec, boolean periodic) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            validate(spec);
            if (!"S3".equals(spec.get("storageType"))) {
                throw new BackupFailed("unknown StorageType: " + spec.get("storageType"));
            }
            Map<String, Object> s3 = map(spec.get("s3"));
            try (OperatorS3Client client = OperatorS3Client.fromSecret(context.client(), namespace, s3)) {
                String cluster = clusterOf(spec.get("etcdEndpoints"));
                EtcdData.Snapshot saved = save(client, namespace, cluster, String.valueOf(s3.get("path")), now, periodic);
                Object maxBackups = map(spec.get("backupPolicy")).get("maxBackups");
                if (maxBackups instanceof Number n && n.intValue() > 0) {
                    ensureMaxBackups(client, String.valueOf(s3.get("path")), n.intValue());
                }
                return new Outcome(saved, now, etcdVersion(namespace, cluster), null);
            } catch (OperatorS3Client.NoClient noClient) {
                throw new BackupFailed(noClient.getMessage());
            }
        } catch (BackupFailed failed) {
            return new Outcome(null, now, null, failed.getMessage());
        }
    }

    private static void validate(Map<String, Object> spec) throws BackupFailed {
        if (!(spec.get("etcdEndpoints") instanceof List<?> endpoints) || endpoints.isEmpty()) {
            throw new BackupFailed("spec.etcdEndpoints should not be empty");
        }
        Map<String, Object> policy = map(spec.get("backupPolicy"));
        if (policy.get("backupIntervalInSecond") instanceof Number n && n.longValue() < 0) {
            throw new BackupFailed("spec.BackupPolicy.BackupIntervalInSecond should not be lower than 0");
        }
        if (policy.get("maxBackups") instanceof Number n && n.longValue() < 0) {
            throw new BackupFailed("spec.BackupPolicy.MaxBackups should not be lower than 0");
        }
    }

    /** The operator's {@code SaveSnap}: a periodic backup's object name carries the revision and the time. */
    private EtcdData.Snapshot save(OperatorS3Client client, String namespace, String cluster, String path, Instant now,
                                   boolean periodic) throws BackupFailed {
        if (context.client().genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(namespace)
                .withName(cluster).get() == null) {
            throw new BackupFailed("failed to save snapshot (create etcd client failed: no etcd cluster answers at "
                    + cluster + "-client)");
        }
        EtcdData.Snapshot snapshot = context.etcdData().snapshot(namespace, cluster);
        byte[] body = context.client().getKubernetesSerialization()
                .asJson(Map.of("revision", snapshot.revision(), "keys", snapshot.keys())).getBytes(StandardCharsets.UTF_8);
        String target = periodic ? path + "_v" + snapshot.revision() + "_" + PERIODIC_SUFFIX.format(now) : path;
        try {
            client.put(target, body);
        } catch (OperatorS3Client.InvalidPath | SdkException writeFailed) {
            throw new BackupFailed("failed to save snapshot (failed to write snapshot (" + writeFailed.getMessage() + "))");
        }
        return snapshot;
    }

    /** The operator's {@code EnsureMaxBackup}: keeps the {@code maxBackups} greatest paths under the backup's path. */
    private static void ensureMaxBackups(OperatorS3Client client, String path, int maxBackups) throws BackupFailed {
        List<String> saved;
        try {
            saved = new ArrayList<>(client.list(path));
        } catch (OperatorS3Client.InvalidPath | SdkException listFailed) {
            throw new BackupFailed("succeeded in saving snapshot but failed to delete old snapshot (failed to get exisiting"
                    + " snapshots: " + listFailed.getMessage() + ")");
        }
        saved.sort(Comparator.reverseOrder());
        for (String old : saved.subList(Math.min(maxBackups, saved.size()), saved.size())) {
            try {
                client.delete(old);
            } catch (OperatorS3Client.InvalidPath | SdkException deleteFailed) {
                throw new BackupFailed("succeeded in saving snapshot but failed to delete old snapshot (failed to delete"
                        + " snapshot: " + deleteFailed.getMessage() + ")");
            }
        }
    }

    /** The operator's {@code reportBackupStatus}: the status written with the whole object. */
    private void report(GenericKubernetesResource backup, Outcome outcome) {
        Map<String, Object> status = new LinkedHashMap<>(map(backup.getAdditionalProperties().get("status")));
        if (outcome.failure() != null) {
            status.put("succeeded", false);
            status.put("Reason", outcome.failure());
        } else {
            status.remove("Reason");
            status.put("succeeded", true);
            status.put("etcdVersion", outcome.etcdVersion());
            status.put("etcdRevision", outcome.saved().revision());
            status.put("lastSuccessDate", outcome.taken().toString());
        }
        backup.getAdditionalProperties().put("status", status);
        context.client().genericKubernetesResources(ETCD_BACKUPS).inNamespace(backup.getMetadata().getNamespace())
                .resource(backup).update();
    }

    /** {@code http://example-etcd-cluster-client:2379} names the EtcdCluster {@code example-etcd-cluster}. */
    private static String clusterOf(Object endpoints) throws BackupFailed {
        if (!(endpoints instanceof List<?> list) || list.isEmpty()) {
            throw new BackupFailed("spec.etcdEndpoints should not be empty");
        }
        String host = URI.create(String.valueOf(list.get(0))).getHost();
        if (host == null || !host.endsWith("-client")) {
            throw new BackupFailed("failed to save snapshot (create etcd client failed: " + list.get(0)
                    + " is no etcd cluster's client service)");
        }
        return host.substring(0, host.length() - "-client".length());
    }

    private String etcdVersion(String namespace, String clusterName) {
        GenericKubernetesResource cluster = context.client().genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS)
                .inNamespace(namespace).withName(clusterName).get();
        Object version = cluster == null ? null : map(cluster.getAdditionalProperties().get("spec")).get("version");
        return version == null ? EtcdOperator.DEFAULT_VERSION : version.toString();
    }

    private boolean operatorRunning(String namespace) {
        return DeploymentController.operatorRunning(context, namespace, OPERATOR_DEPLOYMENT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Why a backup failed, in the real operator's words as far as they apply. */
    private static final class BackupFailed extends Exception {
        BackupFailed(String message) {
            super(message, null, false, false);
        }
    }
}
