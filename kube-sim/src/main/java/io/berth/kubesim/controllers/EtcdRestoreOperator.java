package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The etcd restore operator (coreos/etcd-operator v0.9.4, {@code etcdrestores.etcd.database.coreos.com/v1beta2}):
 * an EtcdRestore ({@code spec.backupStorageType: S3}, {@code spec.s3} with {@code path}, {@code awsSecret},
 * {@code endpoint}, {@code forcePathStyle}, and {@code spec.etcdCluster.name}) puts a backup that the
 * backup operator saved ({@link EtcdBackupOperator}) back into a new EtcdCluster of the same name. Each
 * EtcdRestore is acted on once: one whose status has {@code succeeded} or a {@code reason} is left alone.
 * <p>
 * As the real operator's {@code prepareSeed}: the EtcdRestore must be named like the EtcdCluster; the
 * EtcdCluster is read, deleted (its members go with it, and its data: {@link EtcdData}) and created again
 * with the same name, labels, annotations, ownerReferences and spec, plus {@code spec.paused: true} and
 * {@code status.phase: Running}; then a seed member pod is created, an ordinary member pod
 * ({@code <cluster>-<random>}, labelled {@code etcd_cluster}, controlled by the new EtcdCluster) with the
 * init containers {@code fetch-backup} (which fetches the backup from the operator at
 * {@code http://etcd-restore-operator:19999/v1/backup/<cluster>}) and {@code restore-datadir} (which
 * restores etcd's data from it); then {@code spec.paused} goes back to false, and the etcd operator adopts
 * the seed member and grows the cluster to {@code spec.size}. The status is then {@code succeeded: true}
 * alone: the backup has not been read yet. On failure it is {@code succeeded: false} with the reason in
 * {@code reason} (lower-case r, unlike the EtcdBackup's), e.g. {@code failed to handle restore CR:
 * EtcdRestore CR name(a) must be the same as EtcdCluster name(b)} or {@code prepare seed failed: failed
 * to get reference EtcdCluster(ns/name): ...}.
 * <p>
 * The backup is read when the seed pod's init containers run ({@link InitContainerWork}), as the operator
 * serves it then: with the EtcdRestore as it is at that time, the credentials of the Secret
 * {@code spec.s3.awsSecret} in its namespace ({@link OperatorS3Client}), the object {@code spec.s3.path}.
 * When that fails (no such EtcdRestore, bad credentials, no such object), {@code fetch-backup} fails with
 * the termination message its script leaves, {@code http status code: 500} and the operator's error
 * (e.g. {@code failed to read backup file(<path>): ...}); the seed pod is Failed and never Ready, the
 * cluster stays without data and does not grow, and the EtcdRestore's status still says succeeded, as
 * the real operator's does. Otherwise the cluster's data is the saved snapshot (its keys and revision)
 * when the seed member starts.
 * <p>
 * It acts only while its CRD exists and, when {@code etcdOperatorNeedsDeployment} is set, while a
 * Deployment {@code etcd-restore-operator} in the EtcdRestore's namespace has a ready replica (it also
 * serves backups only then).
 */
public final class EtcdRestoreOperator implements Controller {

    public static final String CRD_NAME = "etcdrestores.etcd.database.coreos.com";
    public static final ResourceDefinitionContext ETCD_RESTORES = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdrestores")
            .withKind("EtcdRestore").withNamespaced(true).build();
    public static final String OPERATOR_DEPLOYMENT = "etcd-restore-operator";
    /** The seed member's init container that fetches the backup from the operator. */
    public static final String FETCH_CONTAINER = "fetch-backup";
    /** The seed member's init container that restores etcd's data directory from the backup. */
    public static final String RESTORE_CONTAINER = "restore-datadir";

    private static final Logger log = LoggerFactory.getLogger(EtcdRestoreOperator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // where the operator serves backups: its Service and port, as the real one's main.go names them
    private static final String BACKUP_URL = "http://etcd-restore-operator:19999/v1/backup/";
    private static final String BACKUP_FILE = "/var/etcd/latest.backup";

    private final SimContext context;

    public EtcdRestoreOperator(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "etcdrestores";
    }

    @Override
    public void reconcile(ObjectKey key) {
        KubernetesClient client = context.client();
        if (client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get() == null) {
            return;
        }
        GenericKubernetesResource restore = client.genericKubernetesResources(ETCD_RESTORES).inNamespace(key.namespace())
                .withName(key.name()).get();
        if (restore == null || !operatorRunning(key.namespace()) || handled(restore)) {
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        try {
            handle(restore);
            status.put("succeeded", true);
        } catch (RestoreFailed failed) {
            status.put("succeeded", false);
            status.put("reason", failed.getMessage());
        }
        restore.setAdditionalProperty("status", status);
        try {
            client.genericKubernetesResources(ETCD_RESTORES).inNamespace(key.namespace()).resource(restore).update();
        } catch (KubernetesClientException notWritten) {
            // as the real operator, which only logs it: trying again would restore again
            log.warn("failed to update status of restore CR {} : ({})", key.name(), notWritten.getMessage());
        }
    }

    /** Restored or failed, a status says so; the real operator does not look at it again. */
    private static boolean handled(GenericKubernetesResource restore) {
        Map<String, Object> status = map(restore.getAdditionalProperties().get("status"));
        return Boolean.TRUE.equals(status.get("succeeded")) || !Objects.toString(status.get("reason"), "").isEmpty();
    }

    private void handle(GenericKubernetesResource restore) throws RestoreFailed {
        Map<String, Object> spec = map(restore.getAdditionalProperties().get("spec"));
        String clusterName = Objects.toString(map(spec.get("etcdCluster")).get("name"), "");
        // the seed member asks for /v1/backup/<cluster>, and the operator finds the EtcdRestore by that name
        if (!restore.getMetadata().getName().equals(clusterName)) {
            throw new RestoreFailed("failed to handle restore CR: EtcdRestore CR name(" + restore.getMetadata().getName()
                    + ") must be the same as EtcdCluster name(" + clusterName + ")");
        }
        try {
            prepareSeed(restore.getMetadata().getNamespace(), clusterName);
        } catch (RestoreFailed failed) {
            throw new RestoreFailed("prepare seed failed: " + failed.getMessage());
        }
    }

    /** The real operator's {@code prepareSeed}: the EtcdCluster made again, paused, with a seed member, then resumed. */
    private void prepareSeed(String namespace, String name) throws RestoreFailed {
        NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> clusters =
                context.client().genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(namespace);
        GenericKubernetesResource reference = clusters.withName(name).get();
        if (reference == null) {
            throw new RestoreFailed("failed to get reference EtcdCluster(" + namespace + "/" + name + "): "
                    + EtcdOperator.CRD_NAME + " \"" + name + "\" not found");
        }
        String problem = EtcdOperator.Spec.of(reference).problem();
        if (problem != null) {
            throw new RestoreFailed("invalid cluster spec: " + problem);
        }
        try {
            clusters.withName(name).delete();
        } catch (KubernetesClientException failed) {
            throw new RestoreFailed("failed to delete reference EtcdCluster (" + namespace + "/" + name + "): " + failed.getMessage());
        }
        // the real operator deletes the members' pods and Services itself; here the etcd operator collects them

        GenericKubernetesResource restored = new GenericKubernetesResource();
        restored.setApiVersion(EtcdOperator.API_VERSION);
        restored.setKind("EtcdCluster");
        restored.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(reference.getMetadata().getLabels()).withAnnotations(reference.getMetadata().getAnnotations())
                .withOwnerReferences(reference.getMetadata().getOwnerReferences()).build());
        Map<String, Object> spec = new LinkedHashMap<>(map(reference.getAdditionalProperties().get("spec")));
        spec.put("paused", true);
        restored.setAdditionalProperty("spec", spec);
        // Running, so that the operator skips creating a seed member of its own
        restored.setAdditionalProperty("status", Map.of("phase", "Running"));
        try {
            restored = clusters.resource(restored).create();
        } catch (KubernetesClientException failed) {
            throw new RestoreFailed("failed to create restored EtcdCluster (" + namespace + "/" + name + "): " + failed.getMessage());
        }

        try {
            createSeedMember(restored);
        } catch (KubernetesClientException failed) {
            throw new RestoreFailed("failed to create seed member for cluster (" + name + "): " + failed.getMessage());
        }

        // the etcd operator may write the EtcdCluster meanwhile: one more try after a conflict
        for (int attempt = 1; ; attempt++) {
            try {
                GenericKubernetesResource current = clusters.withName(name).get();
                if (current == null) {
                    throw new RestoreFailed("failed to update etcdcluster CR to spec.paused=false: " + EtcdOperator.CRD_NAME
                            + " \"" + name + "\" not found");
                }
                Map<String, Object> resumed = new LinkedHashMap<>(map(current.getAdditionalProperties().get("spec")));
                resumed.put("paused", false);
                current.setAdditionalProperty("spec", resumed);
                clusters.resource(current).update();
                return;
            } catch (KubernetesClientException failed) {
                if (failed.getCode() != 409 || attempt == 2) {
                    throw new RestoreFailed("failed to update etcdcluster CR to spec.paused=false: " + failed.getMessage());
                }
            }
        }
    }

    /**
     * The seed member: a member pod of the new cluster whose init containers fetch the backup and restore
     * etcd's data from it, as the real operator's {@code NewSeedMemberPod} makes it.
     */
    private void createSeedMember(GenericKubernetesResource cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String clusterName = cluster.getMetadata().getName();
        EtcdOperator.Spec spec = EtcdOperator.Spec.of(cluster);
        String member = EtcdMemberPods.uniqueName(context.client(), namespace, clusterName);
        String peerUrl = EtcdMemberPods.peerUrl(member, clusterName, namespace);
        String token = UUID.randomUUID().toString();
        Pod pod = EtcdMemberPods.member(cluster, spec, member, List.of());
        Container etcd = pod.getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>(etcd.getCommand());
        command.add("--initial-cluster-token=" + token);
        etcd.setCommand(command);
        pod.getSpec().setInitContainers(List.of(
                new ContainerBuilder().withName(FETCH_CONTAINER).withImage("tutum/curl").withCommand("/bin/bash", "-ec", """

                        httpcode=$(curl --write-out %%\\{http_code\\} --silent --output %1$s %2$s)
                        if [[ "$httpcode" != "200" ]]; then
                        \techo "http status code: ${httpcode}" >> /dev/termination-log
                        \tcat %1$s >> /dev/termination-log
                        \texit 1
                        fi
                        """.formatted(BACKUP_FILE, BACKUP_URL + clusterName)).build(),
                new ContainerBuilder().withName(RESTORE_CONTAINER).withImage(spec.image()).withCommand("/bin/sh", "-ec",
                        ("ETCDCTL_API=3 etcdctl snapshot restore %1$s --name %2$s --initial-cluster %2$s=%3$s --initial-cluster-token %4$s"
                                + " --initial-advertise-peer-urls %3$s --data-dir /var/etcd/data 2>/dev/termination-log")
                                .formatted(BACKUP_FILE, member, peerUrl, token)).build()));
        Pod created = context.client().pods().inNamespace(namespace).resource(pod).create();

        String uid = created.getMetadata().getUid();
        AtomicReference<byte[]> fetched = new AtomicReference<>();
        context.initWork().give(uid, FETCH_CONTAINER, () -> fetchBackup(namespace, clusterName, fetched));
        context.initWork().give(uid, RESTORE_CONTAINER, () -> restoreDataDir(namespace, cluster, fetched.get()));
    }

    /**
     * What {@code fetch-backup} gets: the operator serves the backup its EtcdRestore names (the real
     * operator's {@code serveBackup}); null when it did, else the termination message the script leaves.
     */
    private String fetchBackup(String namespace, String name, AtomicReference<byte[]> fetched) {
        if (!operatorRunning(namespace)) {
            return "http status code: 000\n"; // curl reached no operator
        }
        GenericKubernetesResource restore = context.client().genericKubernetesResources(ETCD_RESTORES).inNamespace(namespace)
                .withName(name).get();
        if (restore == null) {
            return served("no restore CR found for restore-name (" + name + ")");
        }
        Map<String, Object> spec = map(restore.getAdditionalProperties().get("spec"));
        if (!"S3".equals(spec.get("backupStorageType"))) {
            return served("unknown backup storage type (" + Objects.toString(spec.get("backupStorageType"), "")
                    + ") for restore CR (" + name + ")");
        }
        if (!(spec.get("s3") instanceof Map<?, ?>)) {
            return served("empty s3 restore source");
        }
        Map<String, Object> s3 = map(spec.get("s3"));
        String path = Objects.toString(s3.get("path"), "");
        if (Objects.toString(s3.get("awsSecret"), "").isEmpty() || path.isEmpty()) {
            return served("invalid s3 restore source field (spec.s3), must specify all required subfields");
        }
        try (OperatorS3Client client = OperatorS3Client.fromSecret(context.client(), namespace, s3)) {
            fetched.set(client.get(path));
            return null;
        } catch (OperatorS3Client.NoClient noClient) {
            return served("failed to create S3 client: " + noClient.getMessage());
        } catch (OperatorS3Client.InvalidPath | SdkException readFailed) {
            return served("failed to read backup file(" + path + "): " + readFailed.getMessage());
        }
    }

    /** The operator's HTTP error, as {@code fetch-backup}'s script writes it to its termination log. */
    private static String served(String error) {
        return "http status code: 500\n" + error + "\n";
    }

    /**
     * What {@code restore-datadir} does: etcd's data becomes the backup's snapshot, for the new cluster;
     * null when it did, else what etcdctl leaves in the termination log.
     */
    private String restoreDataDir(String namespace, GenericKubernetesResource cluster, byte[] backup) {
        JsonNode snapshot;
        try {
            snapshot = backup == null ? null : JSON.readTree(backup);
        } catch (JacksonException notJson) {
            snapshot = null;
        }
        if (snapshot == null || !snapshot.path("keys").isObject() || !snapshot.path("revision").isIntegralNumber()) {
            return "Error: snapshot missing hash but --skip-hash-check=false\n"; // not a snapshot a backup saved
        }
        Map<String, String> keys = new LinkedHashMap<>();
        snapshot.path("keys").properties().forEach(e -> keys.put(e.getKey(), e.getValue().asString()));
        context.etcdData().restore(namespace, cluster.getMetadata().getName(), cluster.getMetadata().getUid(),
                new EtcdData.Snapshot(keys, snapshot.path("revision").asLong()));
        return null;
    }

    private boolean operatorRunning(String namespace) {
        return DeploymentController.operatorRunning(context, namespace, OPERATOR_DEPLOYMENT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Why a restore failed, in the real operator's words. */
    private static final class RestoreFailed extends Exception {
        RestoreFailed(String message) {
            super(message, null, false, false);
        }
    }
}
