package io.berth.server.backups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.storage.SimulatedObjectStore;
import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The loop on kube-sim, with a real S3-compatible store in the JVM: the etcd operator, the backup and
 * restore operators and a 3-member EtcdCluster; keys put, backed up, changed, restored and back; a schedule that
 * keeps two objects; storage with wrong credentials failing with the operator's reason.
 */
class BackupRestoreIT extends ApplicationTestBase {

    private static final String BUCKET = "backups";
    private static final String ETCD_NAME = "example-etcd-cluster";
    private static final ResourceDefinitionContext ETCD_CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withKind("EtcdCluster")
            .withPlural("etcdclusters").withNamespaced(true).build();
    private static final ResourceDefinitionContext ETCD_BACKUPS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withKind("EtcdBackup")
            .withPlural("etcdbackups").withNamespaced(true).build();

    private static SimulatedObjectStore store;

    @BeforeAll
    static void startObjectStore() {
        store = SimulatedObjectStore.start();
        store.createBucket(BUCKET);
    }

    @AfterAll
    static void stopObjectStore() {
        store.close();
    }

    @Test
    void keysBackedUpThenChangedAreBackAfterARestoreWithThreeHealthyMembers() {
        String cluster = newCluster("backup");
        String ns = "db";
        String etcd = deployEtcdWithOperators(cluster, ns);
        String location = createLocation(store.accessKey(), store.secretKey());
        SimulatedCluster sim = simulated(cluster);
        sim.etcdData().put(ns, ETCD_NAME, "greeting", "hello");
        sim.etcdData().put(ns, ETCD_NAME, "colour", "blue");
        Map<String, String> saved = sim.etcdData().snapshot(ns, ETCD_NAME).keys();

        JsonNode backup = awaitSucceeded(accepted(api.post(APPS + "/" + etcd + "/backups", ADMIN_TOKEN,
                Map.of("location", location))));
        assertThat(backup.get("type").asString()).isEqualTo("Backup");

        JsonNode recorded = onlyBackup(etcd);
        assertThat(recorded.get("state").asString()).isEqualTo("Succeeded");
        assertThat(recorded.get("cluster").asString()).isEqualTo(cluster);
        assertThat(recorded.get("namespace").asString()).isEqualTo(ns);
        assertThat(recorded.get("workload").asString()).isEqualTo("EtcdCluster/" + ETCD_NAME);
        assertThat(recorded.get("location").asString()).isEqualTo(location);
        assertThat(recorded.get("revision").asLong()).isEqualTo(2);
        assertThat(recorded.get("resource").asString()).startsWith("EtcdBackup/" + etcd + "-backup-");
        assertThat(recorded.get("operationId").asString()).isEqualTo(backup.get("id").asString());
        String key = recorded.get("objectKey").asString();
        assertThat(key).startsWith("berth/" + etcd + "/" + cluster + "/" + ns + "/etcdcluster-" + ETCD_NAME + "/");
        assertThat(store.keys(BUCKET, key)).containsExactly(key);
        assertThat(recorded.get("sizeBytes").asLong()).isPositive();
        // the credentials reached the namespace as the operator reads them, and nowhere in Berth's answers
        Secret secret = sim.client().secrets().inNamespace(ns).withName("berth-backup-" + location).get();
        assertThat(secret.getData()).containsKeys("credentials", "config");

        sim.etcdData().put(ns, ETCD_NAME, "greeting", "changed");
        sim.etcdData().put(ns, ETCD_NAME, "extra", "not in the backup");
        assertThat(sim.etcdData().snapshot(ns, ETCD_NAME).keys()).isNotEqualTo(saved);

        Api.Reply unconfirmed = api.post(APPS + "/" + etcd + "/restore", ADMIN_TOKEN,
                Map.of("backup", recorded.get("id").asString(), "confirm", "yes"));
        assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(422);
        assertThat(unconfirmed.json().get("errors").get(0).get("field").asString()).isEqualTo("confirm");
        assertThat(application(etcd).get("activeOperationId").isNull()).isTrue();

        JsonNode restore = awaitSucceeded(accepted(api.post(APPS + "/" + etcd + "/restore", ADMIN_TOKEN,
                Map.of("backup", recorded.get("id").asString(), "confirm", etcd))));
        assertThat(restore.get("type").asString()).isEqualTo("Restore");
        assertThat(restore.get("options").get("data").get("objectKey").asString()).isEqualTo(key);

        assertThat(sim.etcdData().snapshot(ns, ETCD_NAME).keys()).isEqualTo(saved);
        KubernetesClient k8s = sim.client();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(readyMembers(k8s, ns)).hasSize(3);
            GenericKubernetesResource etcdCluster = k8s.genericKubernetesResources(ETCD_CLUSTERS).inNamespace(ns)
                    .withName(ETCD_NAME).get();
            assertThat(((Map<?, ?>) etcdCluster.getAdditionalProperties().get("status")).get("phase")).isEqualTo("Running");
            assertThat(application(etcd).get("health").asString()).isEqualTo("Healthy");
        });

        // a backup whose object is gone from the store is not restored: the operator would delete the live cluster first
        store.client().deleteObject(b -> b.bucket(BUCKET).key(key));
        Api.Reply objectGone = api.post(APPS + "/" + etcd + "/restore", ADMIN_TOKEN,
                Map.of("backup", recorded.get("id").asString(), "confirm", etcd));
        assertThat(objectGone.status()).as(objectGone.toString()).isEqualTo(422);
        assertThat(objectGone.json().get("errors").get(0).get("message").asString()).contains("is no longer in location");
        assertThat(sim.etcdData().snapshot(ns, ETCD_NAME).keys()).isEqualTo(saved);

        // the operators' resources are in the resource tree, after the revision's own objects
        JsonNode objects = api.get(APPS + "/" + etcd + "/resources", ADMIN_TOKEN).json().get("targets").get(0).get("objects");
        List<String> kinds = texts(objects, "kind");
        assertThat(kinds).startsWith("EtcdCluster").contains("EtcdBackup", "EtcdRestore");
        assertThat(texts(objects, "name")).contains(recorded.get("resource").asString().substring("EtcdBackup/".length()));

        // recorded: the restore in the audit trail, the backup and the restore on the timeline
        JsonNode audit = api.get("/api/v1/audit?application=" + etcd, ADMIN_TOKEN).json().get("items");
        assertThat(texts(audit, "action")).contains("Backup", "Restore");
        JsonNode timeline = api.get(APPS + "/" + etcd + "/timeline?limit=200", ADMIN_TOKEN).json().get("items");
        assertThat(texts(timeline, "type")).contains("BackupStarted", "BackupSucceeded");
        assertThat(texts(timeline, "summary")).anyMatch(s -> s.contains("Restore") && s.contains("Succeeded"));
    }

    @Test
    void aScheduleWithMaxBackupsTwoLeavesTwoObjectsAfterThreeIntervals() {
        String cluster = newCluster("schedule");
        String ns = "db";
        String etcd = deployEtcdWithOperators(cluster, ns);
        String location = createLocation(store.accessKey(), store.secretKey());
        simulated(cluster).etcdData().put(ns, ETCD_NAME, "k", "v");

        awaitSucceeded(accepted(api.put(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN,
                Map.of("location", location, "intervalSeconds", 1, "maxBackups", 2))));
        JsonNode schedule = api.get(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN).json();
        assertThat(schedule.get("intervalSeconds").asInt()).isEqualTo(1);
        assertThat(schedule.get("maxBackups").asInt()).isEqualTo(2);

        String prefix = "berth/" + etcd + "/" + cluster + "/" + ns + "/etcdcluster-" + ETCD_NAME + "/scheduled";
        // three intervals at least: a third backup was written and the oldest pruned by the operator
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<JsonNode> scheduled = scheduledBackups(etcd);
            assertThat(scheduled.size()).isGreaterThanOrEqualTo(3);
            assertThat(scheduled).anyMatch(b -> b.get("state").asString().equals("Pruned"));
            List<String> kept = store.keys(BUCKET, prefix);
            assertThat(kept).hasSize(2);
            assertThat(kept).allMatch(k -> k.matches(java.util.regex.Pattern.quote(prefix) + "_v\\d+_\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d"));
            assertThat(scheduled.stream().filter(b -> b.get("state").asString().equals("Succeeded"))
                    .map(b -> b.get("objectKey").asString()).toList()).containsExactlyInAnyOrderElementsOf(kept);
        });

        awaitSucceeded(accepted(api.delete(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN)));
        assertThat(api.get(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN).status()).isEqualTo(404);
        // the schedule's removal took a last look: no record says Succeeded for an object the operator pruned since
        List<String> stored = store.keys(BUCKET, prefix);
        List<JsonNode> recorded = scheduledBackups(etcd);
        assertThat(stored).containsAll(recorded.stream().filter(b -> b.get("state").asString().equals("Succeeded"))
                .map(b -> b.get("objectKey").asString()).toList());
        assertThat(stored).doesNotContainAnyElementsOf(recorded.stream().filter(b -> b.get("state").asString().equals("Pruned"))
                .map(b -> b.get("objectKey").asString()).toList());
        KubernetesClient k8s = simulated(cluster).client();
        assertThat(k8s.genericKubernetesResources(ETCD_BACKUPS).inNamespace(ns).list().getItems())
                .noneMatch(b -> b.getMetadata().getName().startsWith(etcd + "-schedule-"));

        // a schedule goes with the application: its periodic resource must not go on writing
        awaitSucceeded(accepted(api.put(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN,
                Map.of("location", location, "intervalSeconds", 3600))));
        assertThat(k8s.genericKubernetesResources(ETCD_BACKUPS).inNamespace(ns).list().getItems())
                .anyMatch(b -> b.getMetadata().getName().startsWith(etcd + "-schedule-"));
        awaitSucceeded(accepted(api.delete(APPS + "/" + etcd, ADMIN_TOKEN)));
        assertThat(k8s.genericKubernetesResources(ETCD_BACKUPS).inNamespace(ns).list().getItems())
                .noneMatch(b -> b.getMetadata().getName().startsWith(etcd + "-schedule-"));
        assertThat(api.get(APPS + "/" + etcd + "/backup-schedule", ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void aBackupToStorageWithWrongCredentialsFailsWithTheOperatorsReasonAndWritesNothing() {
        String cluster = newCluster("badkeys");
        String ns = "db";
        String etcd = deployEtcdWithOperators(cluster, ns);
        String location = createLocation(store.accessKey(), "not-the-secret");
        simulated(cluster).etcdData().put(ns, ETCD_NAME, "k", "v");
        Map<String, String> before = simulated(cluster).etcdData().snapshot(ns, ETCD_NAME).keys();

        JsonNode failed = awaitEnd(accepted(api.post(APPS + "/" + etcd + "/backups", ADMIN_TOKEN, Map.of("location", location))));

        assertThat(failed.get("state").asString()).isEqualTo("Failed");
        assertThat(failed.get("error").asString()).contains("the backup operator failed: failed to save snapshot");
        JsonNode recorded = onlyBackup(etcd);
        assertThat(recorded.get("state").asString()).isEqualTo("Failed");
        assertThat(recorded.get("reason").asString()).startsWith("failed to save snapshot");
        assertThat(store.keys(BUCKET, "berth/" + etcd + "/")).isEmpty();
        assertThat(simulated(cluster).etcdData().snapshot(ns, ETCD_NAME).keys()).isEqualTo(before);
        // a failed backup cannot be restored
        Api.Reply restore = api.post(APPS + "/" + etcd + "/restore", ADMIN_TOKEN,
                Map.of("backup", recorded.get("id").asString(), "confirm", etcd));
        assertThat(restore.status()).as(restore.toString()).isEqualTo(422);
        assertThat(restore.json().get("errors").get(0).get("message").asString()).contains("Failed");

        // the operator's resource goes with the application's target (a periodic one would go on writing)
        KubernetesClient k8s = simulated(cluster).client();
        String resource = recorded.get("resource").asString().substring("EtcdBackup/".length());
        assertThat(k8s.genericKubernetesResources(ETCD_BACKUPS).inNamespace(ns).withName(resource).get()).isNotNull();
        awaitSucceeded(accepted(api.delete(APPS + "/" + etcd, ADMIN_TOKEN)));
        assertThat(k8s.genericKubernetesResources(ETCD_BACKUPS).inNamespace(ns).withName(resource).get()).isNull();
    }

    @Test
    void aRestoreWhoseObjectTheOperatorCannotReadFailsWhenTheWorkloadIsNotHealthyInTime() {
        String cluster = newCluster("badrestore");
        String ns = "db";
        String etcd = deployEtcdWithOperators(cluster, ns);
        String location = createLocation(store.accessKey(), store.secretKey());
        simulated(cluster).etcdData().put(ns, ETCD_NAME, "k", "v");
        awaitSucceeded(accepted(api.post(APPS + "/" + etcd + "/backups", ADMIN_TOKEN, Map.of("location", location))));
        String backup = onlyBackup(etcd).get("id").asString();
        // the keys are rotated to ones the store does not know: the restore operator's seed member cannot read the object
        assertThat(api.patch("/api/v1/backup-locations/" + location, ADMIN_TOKEN,
                Map.of("accessKeyId", store.accessKey(), "secretAccessKey", "rotated-wrongly")).status()).isEqualTo(200);

        JsonNode failed = awaitEnd(accepted(api.post(APPS + "/" + etcd + "/restore", ADMIN_TOKEN,
                Map.of("backup", backup, "confirm", etcd, "timeoutSeconds", 5))));

        assertThat(failed.get("state").asString()).isEqualTo("Failed");
        assertThat(failed.get("error").asString()).contains("restored from").contains("by its operator but is not healthy again");
        List<Pod> seeds = simulated(cluster).client().pods().inNamespace(ns).withLabel("etcd_cluster", ETCD_NAME).list()
                .getItems();
        assertThat(seeds).anySatisfy(pod -> assertThat(pod.getStatus().getInitContainerStatuses())
                .anySatisfy(init -> assertThat(init.getState().getTerminated().getMessage())
                        .contains("failed to read backup file")));
        assertThat(simulated(cluster).etcdData().snapshot(ns, ETCD_NAME).keys()).doesNotContainKey("k");
    }

    @Test
    void requestsThatCannotBeCarriedOutAreRefusedAndRecordNothing() {
        String cluster = newCluster("refused");
        String ns = "db";
        String operator = unique("etcd-operator");
        awaitSucceeded(deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(cluster, ns)), "wait", true)));
        String old = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", old, "templateSet", "etcd-cluster", "version", "1.0.0",
                "targets", List.of(target(cluster, ns)), "wait", true)));
        String location = createLocation(store.accessKey(), store.secretKey());

        Api.Reply undeclared = api.post(APPS + "/" + old + "/backups", ADMIN_TOKEN, Map.of("location", location));
        assertThat(undeclared.status()).as(undeclared.toString()).isEqualTo(422);
        assertThat(undeclared.json().get("errors").get(0).get("message").asString())
                .contains("etcd-cluster 1.0.0 declares no backup");
        Api.Reply unknownLocation = api.post(APPS + "/" + old + "/backups", ADMIN_TOKEN, Map.of("location", "nowhere"));
        assertThat(unknownLocation.status()).isEqualTo(422);
        assertThat(unknownLocation.json().get("errors").get(0).get("field").asString()).isEqualTo("location");
        assertThat(api.post(APPS + "/nothing-here/backups", ADMIN_TOKEN, Map.of("location", location)).status()).isEqualTo(404);
        assertThat(api.get(APPS + "/" + old + "/backups", ADMIN_TOKEN).json().get("items")).isEmpty();
        assertThat(api.get(APPS + "/" + old + "/backups?cursor=bm90LWEtY3Vyc29y", ADMIN_TOKEN).status()).isEqualTo(400);

        // a backup that waits for a backup operator that runs in another namespace only holds the application:
        // another is refused meanwhile, and it fails when its time is up
        awaitSucceeded(deploy(Map.of("name", unique("etcd-backup-operator"), "templateSet", "etcd-backup-operator",
                "version", "1.0.0", "targets", List.of(target(cluster, "ops")), "wait", true)));
        awaitSucceeded(accepted(api.patch(APPS + "/" + old, ADMIN_TOKEN, Map.of("version", "1.1.0", "wait", true))));
        JsonNode waiting = accepted(api.post(APPS + "/" + old + "/backups", ADMIN_TOKEN,
                Map.of("location", location, "timeoutSeconds", 3)));
        Api.Reply busy = api.post(APPS + "/" + old + "/backups", ADMIN_TOKEN, Map.of("location", location));
        assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
        JsonNode ended = awaitEnd(waiting);
        assertThat(ended.get("state").asString()).isEqualTo("Failed");
        assertThat(ended.get("error").asString()).contains("was not done within the operation's timeout")
                .contains("EtcdBackup/");

        // the location's keys never come back
        Api.Reply shown = api.get("/api/v1/backup-locations/" + location, ADMIN_TOKEN);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(store.secretKey()).doesNotContain(store.accessKey());
        assertThat(api.delete("/api/v1/backup-locations/" + location, ADMIN_TOKEN).status()).isEqualTo(409);
    }

    private String deployEtcdWithOperators(String cluster, String ns) {
        for (String set : List.of("etcd-operator", "etcd-backup-operator", "etcd-restore-operator")) {
            awaitSucceeded(deploy(Map.of("name", unique(set), "templateSet", set, "version", "1.0.0",
                    "targets", List.of(target(cluster, ns)), "wait", true)));
        }
        String etcd = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", etcd, "templateSet", "etcd-cluster", "version", "1.1.0",
                "targets", List.of(target(cluster, ns)), "wait", true)));
        assertThat(readyMembers(simulated(cluster).client(), ns)).hasSize(3);
        return etcd;
    }

    private String createLocation(String accessKey, String secretKey) {
        String name = unique("s3");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("endpoint", store.endpoint().toString());
        body.put("bucket", BUCKET);
        body.put("prefix", "berth");
        body.put("forcePathStyle", true);
        body.put("accessKeyId", accessKey);
        body.put("secretAccessKey", secretKey);
        Api.Reply reply = api.post("/api/v1/backup-locations", ADMIN_TOKEN, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.body()).doesNotContain(secretKey);
        return name;
    }

    private JsonNode onlyBackup(String app) {
        JsonNode items = api.get(APPS + "/" + app + "/backups", ADMIN_TOKEN).json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private List<JsonNode> scheduledBackups(String app) {
        List<JsonNode> scheduled = new ArrayList<>();
        api.get(APPS + "/" + app + "/backups?limit=500", ADMIN_TOKEN).json().get("items").forEach(b -> {
            if (b.get("scheduled").asBoolean()) {
                scheduled.add(b);
            }
        });
        return scheduled;
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(i -> texts.add(i.path(field).asString("")));
        return texts;
    }

    private static List<String> readyMembers(KubernetesClient k8s, String ns) {
        return k8s.pods().inNamespace(ns).withLabel("etcd_cluster", ETCD_NAME).list().getItems().stream()
                .filter(BackupRestoreIT::ready).map(p -> p.getMetadata().getName()).toList();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
