package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The article's EtcdCluster loses a member: while its operator replaces it the application is
 * Progressing (its phase stays Running, so only the members tell), then Healthy again, and the resource
 * tree shows the member pods, the new one among them. Pods here take 300 ms to become ready, so that
 * the replacement lasts long enough to be seen.
 */
class EtcdMemberReplacementIT extends ApplicationTestBase {

    private static final KubeSim SLOW = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(300)));

    @AfterAll
    static void stopSimulator() {
        SLOW.close();
    }

    @Test
    void aDeletedMemberMakesTheEtcdClusterProgressingUntilTheOperatorHasReplacedIt() {
        String name = unique("etcd-slow");
        SimulatedCluster cluster = SLOW.startCluster(name);
        register(name, cluster.kubeconfig());
        awaitSucceeded(deploy(Map.of("name", unique("etcd-operator"), "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(name, "db")), "wait", true)));
        String etcd = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", etcd, "templateSet", "etcd-cluster", "version", "1.0.0",
                "targets", List.of(target(name, "db")), "wait", true, "timeoutSeconds", 120)));
        awaitHealth(etcd, "Healthy");
        List<String> before = members(cluster);
        assertThat(before).hasSize(3);

        cluster.faults().deletePod("db", before.get(0));

        JsonNode replacing = awaitHealth(etcd, "Progressing");
        assertThat(replacing.get("targets").get(0).get("healthReason").asString()).startsWith("EtcdCluster/example-etcd-cluster: ");
        awaitHealth(etcd, "Healthy");
        List<String> after = members(cluster);
        assertThat(after).hasSize(3).doesNotContain(before.get(0));

        JsonNode tree = api.get(APPS + "/" + etcd + "/resources", ADMIN_TOKEN).json();
        JsonNode etcdNode = tree.get("targets").get(0).get("objects").valueStream()
                .filter(o -> o.get("kind").asString().equals("EtcdCluster")).findFirst().orElseThrow();
        assertThat(etcdNode.get("pods").valueStream().map(p -> p.get("name").asString()))
                .containsExactlyInAnyOrderElementsOf(after);
        assertThat(etcdNode.get("health").asString()).isEqualTo("Healthy");
    }

    private static List<String> members(SimulatedCluster cluster) {
        return cluster.client().pods().inNamespace("db").withLabel("etcd_cluster", "example-etcd-cluster").list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(Pod::getMetadata).map(m -> m.getName()).sorted().toList();
    }

    private JsonNode awaitHealth(String app, String health) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> application(app), a -> health.equals(a.get("health").asString()));
    }
}
