package io.berth.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.KubeSim;
import io.berth.server.database.embedded.Durability;
import io.berth.server.database.embedded.EmbeddedPostgresServer;
import io.berth.server.database.embedded.EmbeddedServerSettings;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.BerthProcess;
import io.berth.template.helm.TestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Berth as an orchestrator treats it: killed with SIGKILL in the middle of an operation, then started
 * once, on the same data directory; and stopped with SIGTERM after a Helm render with an operation
 * under way, whose lease it hands back. Each Berth is a process of its own (see {@link BerthProcess}); the
 * clusters are kube-sim's.
 */
class CrashAndSignalIT {

    private static final String TOKEN = "berth_crash-admin-token-0123456789abcdefgh";
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static KubeSim sim;

    @BeforeAll
    static void startClusters() {
        sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(20)));
    }

    @AfterAll
    static void stopClusters() {
        sim.close();
    }

    @Test
    void aKilledBerthComesBackOnItsFirstStartAndAStoppedOneExitsInTimeAndHandsItsWorkOver() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "berth-crash-");
        SimulatedCluster cluster = sim.startCluster("crash-sim");
        String first;
        try (BerthProcess doomed = BerthProcess.start(dataDir, "first", settings("3s"))) {
            Api api = doomed.api();
            assertThat(api.post("/api/v1/clusters", TOKEN, Map.of("name", "sim", "kubeconfig", cluster.kubeconfig())).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).status()).isEqualTo(200);
            cluster.faults().latency(Duration.ofMillis(400));
            first = deploy(api, "web");
            awaitUnderWay(api, first);
            doomed.kill();
        }
        cluster.faults().clear();

        String second;
        try (BerthProcess restarted = BerthProcess.start(dataDir, "second", settings("60s"))) {
            Api api = restarted.api();
            assertThat(ended(api, first).get("state").asString()).as("the interrupted deploy resumes and ends").isEqualTo("Succeeded");
            assertThat(restarted.log()).doesNotContain("postmaster.pid\" already exists");

            renderAHelmChart(api);
            cluster.faults().latency(Duration.ofMillis(400));
            second = deploy(api, "cache");
            awaitUnderWay(api, second);
            cluster.faults().unreachable(); // holds the deploy under way until the next Berth
            assertThat(operation(api, second).get("state").asString()).isEqualTo("Running");
            assertThat(restarted.terminate(Duration.ofSeconds(45))).as("SIGTERM stops Berth, even after a Helm render").isTrue();
            assertThat(restarted.log()).contains("leases are handed back").contains("Embedded PostgreSQL stopped");
        }

        // its lease was handed back on the stop: the operation can be claimed at once, not after the 60 s lease
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(new EmbeddedServerSettings(dataDir, 0,
                Durability.UNSAFE_FAST_FOR_TESTS, Duration.ofSeconds(60), Duration.ofSeconds(10)));
             Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             PreparedStatement query = db.prepareStatement("select state, lease_until from operation where id = ?::uuid")) {
            query.setString(1, second);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("state")).isEqualTo("Running");
                assertThat(row.getTimestamp("lease_until")).as("the lease is handed back").isNull();
            }
        }
    }

    private static Map<String, String> settings(String lease) {
        Map<String, String> settings = new HashMap<>();
        settings.put("berth.bootstrap-token", TOKEN);
        settings.put("berth.encryption.key", KEY);
        settings.put("berth.clusters.probe-scheduler", "false");
        settings.put("berth.embedded-database.durability", "unsafe-fast-for-tests");
        settings.put("berth.operations.poll-interval", "200ms");
        settings.put("berth.operations.readiness-poll", "100ms");
        settings.put("berth.operations.retry-initial-delay", "200ms");
        settings.put("berth.operations.lease-duration", lease);
        // long, so that the cluster made unreachable before the SIGTERM does not end the attempt first
        settings.put("berth.operations.cluster-silence", "60s");
        return settings;
    }

    private static String deploy(Api api, String name) {
        Api.Reply reply = api.post("/api/v1/applications", TOKEN, Map.of("name", name, "templateSet", "nginx-web",
                "version", "1.0.0", "values", Map.of("replicas", 3), "wait", true,
                "targets", List.of(Map.of("cluster", "sim", "namespace", "shop"))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json().get("id").asString();
    }

    private static void awaitUnderWay(Api api, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode op = operation(api, id);
            return "Running".equals(op.get("state").asString()) && op.get("steps").get(0).get("attempts").asInt() >= 1;
        });
    }

    private static JsonNode ended(Api api, String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> operation(api, id),
                op -> List.of("Succeeded", "Failed", "Cancelled").contains(op.get("state").asString()));
    }

    private static JsonNode operation(Api api, String id) {
        return api.get("/api/v1/operations/" + id, TOKEN).json();
    }

    private static void renderAHelmChart(Api api) {
        assertThat(api.post("/api/v1/template-sets", TOKEN, Map.of("name", "helm-web")).status()).isEqualTo(201);
        Map<String, Object> content = Map.of("kind", "Helm", "chart", Base64.getEncoder().encodeToString(TestCharts.web().chartArchive()));
        Api.Reply published = api.post("/api/v1/template-sets/helm-web/versions", TOKEN, Map.of("version", "0.1.0", "content", content));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        Api.Reply rendered = api.post("/api/v1/template-sets/helm-web/versions/0.1.0/render", TOKEN,
                Map.of("values", Map.of("replicas", 2), "namespace", "shop"));
        assertThat(rendered.status()).as(rendered.toString()).isEqualTo(200);
    }
}
