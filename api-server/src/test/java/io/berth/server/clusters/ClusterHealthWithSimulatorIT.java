package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.internal.ClusterRepository;
import io.berth.cluster.internal.probe.ProbeService;
import io.berth.cluster.internal.probe.ScheduledProber;
import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.server.testsupport.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.berth.cluster.ClusterOwnership;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Cluster health against simulated clusters whose faults come and go. */
class ClusterHealthWithSimulatorIT extends ApiTestBase {

    private static KubeSim sim;
    private static SimulatedCluster steady;
    private static SimulatedCluster flaky;

    @Autowired
    private ClusterRepository clusters;
    @Autowired
    private ProbeService probes;
    @Autowired
    private ClusterOwnership ownership;
    @Autowired
    private JdbcClient jdbc;

    @BeforeAll
    static void startClusters() {
        sim = KubeSim.withDefaults();
        steady = sim.startCluster("steady");
        flaky = sim.startCluster("flaky");
    }

    @AfterAll
    static void stopClusters() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        flaky.faults().clear();
    }

    @Test
    void statusFollowsAClusterThatGoesAwayAndComesBackWithItsNodes() {
        String name = unique("flaky");
        JsonNode registered = register(name, flaky.kubeconfig());
        assertThat(registered.get("status").asString()).isEqualTo("Ready");
        assertThat(registered.get("nodeCount").asInt()).isEqualTo(3);

        flaky.faults().unreachable();
        assertThat(probe(name).get("status").asString()).isEqualTo("Unreachable");

        flaky.faults().reachable();
        assertThat(probe(name).get("status").asString()).isEqualTo("Ready");

        flaky.faults().unauthorized(true);
        assertThat(probe(name).get("status").asString()).isEqualTo("Unauthorized");

        List<String> changes = api.get("/api/v1/clusters/" + name + "/events", ADMIN_TOKEN).json().get("items").valueStream()
                .map(e -> e.get("fromStatus").asString() + "->" + e.get("toStatus").asString()).toList();
        assertThat(changes).containsExactly("Ready->Unauthorized", "Unreachable->Ready", "Ready->Unreachable", "Pending->Ready");
    }

    @Test
    void aSlowClusterTimesOutWithoutHoldingUpTheOthers() {
        String slow = unique("slow");
        register(slow, flaky.kubeconfig());
        String fast = unique("fast");
        register(fast, steady.kubeconfig());
        flaky.faults().latency(Duration.ofSeconds(20));

        // A real background prober over all of this application's clusters (other tests registered more,
        // some pointing at this slow one), with room for the slow ones and more.
        ScheduledProber prober = new ScheduledProber(clusters, probes, ownership,
                new ClusterRegistrySettings(Duration.ofMinutes(1), Duration.ofSeconds(3), 4, Duration.ofSeconds(30), true, Duration.ofMinutes(10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> ownership.owns(slow) && ownership.owns(fast)); // taken at registration
        Instant started = Instant.now();
        try {
            prober.probeAll();
            await().atMost(Duration.ofMillis(2500)).until(() -> lastProbe(fast) != null && lastProbe(fast).isAfter(started));
            assertThat(lastProbe(slow)).as("the slow cluster's probe is still waiting for its deadline").isBefore(started);
            await().atMost(Duration.ofSeconds(10)).until(() -> "Unreachable".equals(status(slow)));
        } finally {
            prober.destroy();
        }
        assertThat(status(fast)).isEqualTo("Ready");
        assertThat(api.get("/api/v1/clusters/" + slow, ADMIN_TOKEN).json().get("statusReason").asString()).contains("3000 ms");
    }

    @Test
    void aRoutineProbeLeavesAVersionReadSinceByAnyReplicaAndDoesNotAskAgain() {
        String name = unique("steady");
        register(name, steady.kubeconfig());
        // As if another replica, probing on a user's request, had just read a newer version.
        jdbc.sql("update cluster set server_version = 'v1.99.0-newer' where name = :name").param("name", name).update();
        long requestsBefore = steady.outsideRequests();

        probes.probeRoutinely(clusters.findByName(name).orElseThrow());

        JsonNode cluster = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json();
        assertThat(cluster.get("status").asString()).isEqualTo("Ready");
        assertThat(cluster.get("serverVersion").asString()).isEqualTo("v1.99.0-newer");
        assertThat(cluster.get("statusReason").asString()).contains("v1.99.0-newer");
        assertThat(steady.outsideRequests() - requestsBefore)
                .as("one request, for a node: the version was read at registration, moments ago").isEqualTo(1);
    }

    private JsonNode probe(String name) {
        return api.post("/api/v1/clusters/" + name + "/probe", ADMIN_TOKEN, Map.of()).json();
    }

    private String status(String name) {
        return api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("status").asString();
    }

    private Instant lastProbe(String name) {
        JsonNode at = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("lastProbeAt");
        return at == null || at.isNull() ? null : Instant.parse(at.asString());
    }
}
