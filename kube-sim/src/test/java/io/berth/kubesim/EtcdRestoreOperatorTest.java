package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.controllers.EtcdBackupOperator;
import io.berth.kubesim.controllers.EtcdOperator;
import io.berth.kubesim.controllers.EtcdRestoreOperator;
import io.berth.kubesim.junit.SimulatedClusters;
import io.berth.kubesim.storage.SimulatedObjectStore;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated restore operator restores an EtcdCluster from a backup as coreos/etcd-operator v0.9.4
 * does: the EtcdCluster is made again around a seed member that fetches the backup, the etcd operator
 * grows it back to its size, and the data is the backup's. A wrongly named EtcdRestore fails with the
 * operator's reason; one whose credentials are refused says it succeeded while its seed member fails.
 */
@SimulatedClusters(readinessDelayMillis = 100)
class EtcdRestoreOperatorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CLUSTER = "example-etcd-cluster";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SimulatedCluster cluster;
    private static SimulatedObjectStore store;
    private KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void startStore() {
        try (KubernetesClient admin = cluster.outsideClient()) {
            for (String crd : List.of("/etcd-crd.yaml", "/etcd-backup-crd.yaml", "/etcd-restore-crd.yaml")) {
                admin.apiextensions().v1().customResourceDefinitions().load(EtcdRestoreOperatorTest.class.getResourceAsStream(crd)).create();
            }
        }
        store = SimulatedObjectStore.start();
        store.createBucket("backups");
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @BeforeEach
    void connect(TestInfo test) {
        client = cluster.outsideClient();
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        namespace = method.substring(0, Math.min(30, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        secret("aws", store.accessKey(), store.secretKey());
        GenericKubernetesResource etcd = new GenericKubernetesResource();
        etcd.setApiVersion("etcd.database.coreos.com/v1beta2");
        etcd.setKind("EtcdCluster");
        etcd.setMetadata(new ObjectMetaBuilder().withName(CLUSTER).withNamespace(namespace).addToLabels("team", "orders").build());
        etcd.setAdditionalProperty("spec", Map.of("size", 3, "version", "3.2.13"));
        client.genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(namespace).resource(etcd).create();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aRestoreBringsTheBackupIntoANewClusterThatGrowsBackToItsSize() {
        String before = awaitRunning().getMetadata().getUid();
        cluster.etcdData().put(namespace, CLUSTER, "/orders/1", "paid");
        cluster.etcdData().put(namespace, CLUSTER, "/orders/2", "shipped");
        backUp("backups/" + namespace + "/etcd.backup");
        cluster.etcdData().put(namespace, CLUSTER, "/orders/1", "refunded");
        cluster.etcdData().put(namespace, CLUSTER, "/orders/3", "lost");

        restore(CLUSTER, CLUSTER, "aws", "backups/" + namespace + "/etcd.backup");

        assertThat(awaitRestoreStatus(CLUSTER)).isEqualTo(Map.of("succeeded", true));
        await().atMost(WAIT).until(() -> cluster.etcdData().snapshot(namespace, CLUSTER).revision() == 2);
        assertThat(cluster.etcdData().snapshot(namespace, CLUSTER).keys())
                .isEqualTo(Map.of("/orders/1", "paid", "/orders/2", "shipped"));

        GenericKubernetesResource restored = awaitRunning();
        assertThat(restored.getMetadata().getUid()).as("a new EtcdCluster").isNotEqualTo(before);
        assertThat(restored.getMetadata().getLabels()).containsEntry("team", "orders");
        assertThat(map(restored.getAdditionalProperties().get("spec"))).containsEntry("paused", false).containsEntry("size", 3);
        assertThat(members()).hasSize(3).allSatisfy(pod ->
                assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(restored.getMetadata().getUid()));
        Pod seed = members().stream().filter(p -> !p.getSpec().getInitContainers().isEmpty()).findFirst().orElseThrow();
        assertThat(seed.getSpec().getInitContainers()).extracting(c -> c.getName())
                .containsExactly(EtcdRestoreOperator.FETCH_CONTAINER, EtcdRestoreOperator.RESTORE_CONTAINER);
        assertThat(seed.getStatus().getInitContainerStatuses()).allSatisfy(init ->
                assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed"));
        assertThat(cluster.etcdData().snapshot(namespace, CLUSTER).keys()).containsOnlyKeys("/orders/1", "/orders/2");
    }

    @Test
    void aRestoreNotNamedLikeItsClusterFailsWithTheOperatorsReason() {
        String before = awaitRunning().getMetadata().getUid();

        restore("other", CLUSTER, "aws", "backups/" + namespace + "/etcd.backup");

        assertThat(awaitRestoreStatus("other")).containsEntry("succeeded", false).containsEntry("reason",
                "failed to handle restore CR: EtcdRestore CR name(other) must be the same as EtcdCluster name(" + CLUSTER + ")");
        assertThat(etcdCluster(CLUSTER).getMetadata().getUid()).as("the cluster is left alone").isEqualTo(before);
    }

    @Test
    void aRestoreOfAMissingClusterFailsToPrepareTheSeed() {
        restore("missing", "missing", "aws", "backups/" + namespace + "/etcd.backup");

        assertThat(awaitRestoreStatus("missing")).containsEntry("succeeded", false).containsEntry("reason",
                "prepare seed failed: failed to get reference EtcdCluster(" + namespace + "/missing): "
                        + "etcdclusters.etcd.database.coreos.com \"missing\" not found");
    }

    @Test
    void refusedCredentialsFailTheSeedMemberWhileTheRestoreSaysItSucceeded() {
        awaitRunning();
        cluster.etcdData().put(namespace, CLUSTER, "/orders/1", "paid");
        backUp("backups/" + namespace + "/etcd.backup");
        secret("wrong", store.accessKey(), "not-the-secret");

        restore(CLUSTER, CLUSTER, "wrong", "backups/" + namespace + "/etcd.backup");

        assertThat(awaitRestoreStatus(CLUSTER)).isEqualTo(Map.of("succeeded", true));
        Pod seed = await().atMost(WAIT).until(() -> members().stream()
                .filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase())).findFirst().orElse(null), p -> p != null);
        ContainerStatus fetch = seed.getStatus().getInitContainerStatuses().get(0);
        assertThat(fetch.getName()).isEqualTo(EtcdRestoreOperator.FETCH_CONTAINER);
        assertThat(fetch.getState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(fetch.getState().getTerminated().getMessage())
                .startsWith("http status code: 500\nfailed to read backup file(backups/" + namespace + "/etcd.backup): ");
        assertThat(seed.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
        });
        assertThat(kubectlStatus(seed.getMetadata().getName())).isEqualTo("Init:Error");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> members().size() == 1);
        assertThat(cluster.etcdData().snapshot(namespace, CLUSTER).keys()).as("nothing restored").isEmpty();
    }

    private GenericKubernetesResource awaitRunning() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> etcdCluster(CLUSTER), etcd -> {
            Map<String, Object> status = etcd == null ? Map.of() : map(etcd.getAdditionalProperties().get("status"));
            List<?> ready = map(status.get("members")).get("ready") instanceof List<?> list ? list : List.of();
            return "Running".equals(status.get("phase")) && ready.size() == 3 && members().size() == 3
                    && members().stream().allMatch(EtcdRestoreOperatorTest::ready);
        });
    }

    /** The STATUS column kubectl shows for the pod. */
    private String kubectlStatus(String pod) {
        String table = RawApi.of(cluster).get("/api/v1/namespaces/" + namespace + "/pods/" + pod,
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").body();
        return JSON.readTree(table).path("rows").get(0).path("cells").get(2).asString();
    }

    private GenericKubernetesResource etcdCluster(String name) {
        return client.genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(namespace).withName(name).get();
    }

    private List<Pod> members() {
        return client.pods().inNamespace(namespace).withLabel("etcd_cluster", CLUSTER).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** A one-shot backup of the cluster, with the store's own credentials, awaited. */
    private void backUp(String path) {
        GenericKubernetesResource backup = new GenericKubernetesResource();
        backup.setApiVersion("etcd.database.coreos.com/v1beta2");
        backup.setKind("EtcdBackup");
        backup.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace(namespace).build());
        backup.setAdditionalProperty("spec", Map.of(
                "etcdEndpoints", List.of("http://" + CLUSTER + "-client:2379"),
                "storageType", "S3",
                "s3", Map.of("path", path, "awsSecret", "aws", "endpoint", store.endpoint().toString(), "forcePathStyle", true)));
        client.genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace).resource(backup).create();
        await().atMost(WAIT).until(() -> map(client.genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace)
                .withName("nightly").get().getAdditionalProperties().get("status")).get("succeeded"), Boolean.TRUE::equals);
    }

    private void restore(String name, String clusterName, String secret, String path) {
        GenericKubernetesResource restore = new GenericKubernetesResource();
        restore.setApiVersion("etcd.database.coreos.com/v1beta2");
        restore.setKind("EtcdRestore");
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        restore.setAdditionalProperty("spec", Map.of(
                "etcdCluster", Map.of("name", clusterName),
                "backupStorageType", "S3",
                "s3", Map.of("path", path, "awsSecret", secret, "endpoint", store.endpoint().toString(), "forcePathStyle", true)));
        client.genericKubernetesResources(EtcdRestoreOperator.ETCD_RESTORES).inNamespace(namespace).resource(restore).create();
    }

    private Map<String, Object> awaitRestoreStatus(String name) {
        return await().atMost(WAIT).until(() -> map(client.genericKubernetesResources(EtcdRestoreOperator.ETCD_RESTORES)
                .inNamespace(namespace).withName(name).get().getAdditionalProperties().get("status")), status -> !status.isEmpty());
    }

    private void secret(String name, String accessKey, String secretKey) {
        String credentials = "[default]\naws_access_key_id = " + accessKey + "\naws_secret_access_key = " + secretKey + "\n";
        String config = "[default]\nregion = " + SimulatedObjectStore.REGION + "\n";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("credentials", base64(credentials)).addToData("config", base64(config)).build()).create();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
