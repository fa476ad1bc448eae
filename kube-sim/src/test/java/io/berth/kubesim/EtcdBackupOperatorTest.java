package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.controllers.EtcdBackupOperator;
import io.berth.kubesim.junit.SimulatedClusters;
import io.berth.kubesim.storage.SimulatedObjectStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The simulated backup operator takes a one-shot EtcdBackup as coreos/etcd-operator's does: what the
 * EtcdCluster holds goes to the S3 object the backup names, with the Secret's credentials, and the status
 * says so; with wrong credentials, the status carries the operator's reason and nothing is written. A
 * periodic EtcdBackup writes an object named after the revision and the time every interval, the first
 * one interval on, keeps only the newest {@code maxBackups}, and stops when it is deleted.
 */
@SimulatedClusters
class EtcdBackupOperatorTest {

    private static final ResourceDefinitionContext ETCD = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdclusters")
            .withKind("EtcdCluster").withNamespaced(true).build();

    private static SimulatedCluster cluster;
    private static SimulatedObjectStore store;
    private KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void startStore() {
        try (KubernetesClient admin = cluster.outsideClient()) {
            admin.apiextensions().v1().customResourceDefinitions()
                    .load(EtcdBackupOperatorTest.class.getResourceAsStream("/etcd-crd.yaml")).createOr(existing -> existing.update());
            admin.apiextensions().v1().customResourceDefinitions()
                    .load(EtcdBackupOperatorTest.class.getResourceAsStream("/etcd-backup-crd.yaml")).create();
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
        GenericKubernetesResource etcd = new GenericKubernetesResource();
        etcd.setApiVersion("etcd.database.coreos.com/v1beta2");
        etcd.setKind("EtcdCluster");
        etcd.setMetadata(new ObjectMetaBuilder().withName("example-etcd-cluster").withNamespace(namespace).build());
        etcd.setAdditionalProperty("spec", Map.of("size", 3, "version", "3.2.13"));
        client.genericKubernetesResources(ETCD).inNamespace(namespace).resource(etcd).create();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aOneShotBackupWritesWhatTheClusterHoldsToTheObjectItNames() {
        cluster.etcdData().put(namespace, "example-etcd-cluster", "/orders/1", "paid");
        cluster.etcdData().put(namespace, "example-etcd-cluster", "/orders/2", "shipped");
        secret("aws", store.accessKey(), store.secretKey());

        backup("nightly", "backups/" + namespace + "/etcd.backup");

        Map<String, Object> status = awaitStatus("nightly");
        assertThat(status).containsEntry("succeeded", true).containsEntry("etcdVersion", "3.2.13")
                .containsEntry("etcdRevision", 2).containsKey("lastSuccessDate").doesNotContainKey("Reason");
        try (S3Client s3 = store.client()) {
            String saved = s3.getObjectAsBytes(b -> b.bucket("backups").key(namespace + "/etcd.backup")).asUtf8String();
            assertThat(saved).contains("\"/orders/1\":\"paid\"").contains("\"/orders/2\":\"shipped\"").contains("\"revision\":2");
        }
    }

    @Test
    void wrongCredentialsFailWithTheOperatorsReasonAndWriteNothing() {
        cluster.etcdData().put(namespace, "example-etcd-cluster", "/k", "v");
        secret("aws", store.accessKey(), "not-the-secret");

        backup("refused", "backups/" + namespace + "/etcd.backup");

        Map<String, Object> status = awaitStatus("refused");
        assertThat(status).containsEntry("succeeded", false);
        assertThat((String) status.get("Reason")).startsWith("failed to save snapshot (failed to write snapshot (");
        assertThat(store.keys("backups", namespace + "/")).isEmpty();
    }

    @Test
    void aPeriodicBackupWritesOneObjectPerIntervalAndKeepsTheNewestMaxBackups() {
        cluster.etcdData().put(namespace, "example-etcd-cluster", "/orders/1", "paid");
        secret("aws", store.accessKey(), store.secretKey());

        backup("hourly", "backups/" + namespace + "/etcd.backup", Map.of("backupIntervalInSecond", 1, "maxBackups", 2));

        Set<String> seen = new TreeSet<>();
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(50)).until(() -> {
            seen.addAll(store.keys("backups", namespace + "/"));
            return seen.size() >= 3;
        });
        assertThat(seen).allSatisfy(key -> assertThat(key)
                .matches(namespace + "/etcd\\.backup_v1_\\d{4}-\\d{2}-\\d{2}-\\d{2}:\\d{2}:\\d{2}"));
        // once the last save is pruned, exactly the two greatest names of all written are left
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> now = store.keys("backups", namespace + "/");
            seen.addAll(now);
            return now.equals(seen.stream().sorted(Comparator.reverseOrder()).limit(2).sorted().toList());
        });
        assertThat(awaitStatus("hourly")).containsEntry("succeeded", true).containsEntry("etcdRevision", 1)
                .containsKey("lastSuccessDate").doesNotContainKey("Reason");
    }

    @Test
    void aPeriodicBackupStartsOneIntervalOnAndStopsWhenDeleted() {
        secret("aws", store.accessKey(), store.secretKey());
        long created = System.nanoTime();

        backup("hourly", "backups/" + namespace + "/etcd.backup", Map.of("backupIntervalInSecond", 1));

        await().atMost(Duration.ofSeconds(3)).until(() -> backupNamed("hourly").getMetadata().getFinalizers()
                .contains("backup-operator-periodic"));
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(20))
                .until(() -> !store.keys("backups", namespace + "/").isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - created)).as("the first backup waits one interval")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        client.genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace).withName("hourly").delete();

        await().atMost(Duration.ofSeconds(3)).until(() -> backupNamed("hourly") == null);
        List<String> kept = store.keys("backups", namespace + "/");
        assertThat(kept).isNotEmpty();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> store.keys("backups", namespace + "/").equals(kept));
    }

    @Test
    void aNegativeMaxBackupsFailsWithTheOperatorsValidationMessage() {
        secret("aws", store.accessKey(), store.secretKey());

        backup("invalid", "backups/" + namespace + "/etcd.backup", Map.of("maxBackups", -1));

        assertThat(awaitStatus("invalid")).containsEntry("succeeded", false)
                .containsEntry("Reason", "spec.BackupPolicy.MaxBackups should not be lower than 0");
        assertThat(store.keys("backups", namespace + "/")).isEmpty();
    }

    private GenericKubernetesResource backupNamed(String name) {
        return client.genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace).withName(name).get();
    }

    private void secret(String name, String accessKey, String secretKey) {
        String credentials = "[default]\naws_access_key_id = " + accessKey + "\naws_secret_access_key = " + secretKey + "\n";
        String config = "[default]\nregion = " + SimulatedObjectStore.REGION + "\n";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("credentials", base64(credentials)).addToData("config", base64(config)).build()).create();
    }

    private void backup(String name, String path) {
        backup(name, path, Map.of());
    }

    private void backup(String name, String path, Map<String, Object> policy) {
        GenericKubernetesResource backup = new GenericKubernetesResource();
        backup.setApiVersion("etcd.database.coreos.com/v1beta2");
        backup.setKind("EtcdBackup");
        backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        Map<String, Object> spec = new LinkedHashMap<>(Map.of(
                "etcdEndpoints", List.of("http://example-etcd-cluster-client:2379"),
                "storageType", "S3",
                "s3", Map.of("path", path, "awsSecret", "aws", "endpoint", store.endpoint().toString(), "forcePathStyle", true)));
        if (!policy.isEmpty()) {
            spec.put("backupPolicy", policy);
        }
        backup.setAdditionalProperty("spec", spec);
        client.genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace).resource(backup).create();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitStatus(String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> (Map<String, Object>) client
                .genericKubernetesResources(EtcdBackupOperator.ETCD_BACKUPS).inNamespace(namespace).withName(name).get()
                .getAdditionalProperties().get("status"), status -> status != null);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
