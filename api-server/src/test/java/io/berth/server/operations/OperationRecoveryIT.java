package io.berth.server.operations;

import static io.berth.server.testsupport.WholeBerth.api;
import static io.berth.server.testsupport.WholeBerth.port;
import static io.berth.server.testsupport.WholeBerth.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.EventStream;
import io.berth.server.testsupport.WholeBerth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Berth instances that stop in the middle of an operation, and instances that share one database.
 * Each test runs whole Berth applications of its own (not the shared test context), as separate
 * processes would: started, stopped and started again on one data directory, or two at once on one
 * PostgreSQL.
 */
class OperationRecoveryIT {

    private static final String TOKEN = "berth_recovery-admin-token-0123456789abcdef";
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
    void anOperationCutShortByAStopFinishesAfterTheNextStartWithoutRedoingFinishedTargets() throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "berth-restart-");
        SimulatedCluster fast = sim.startCluster("restart-fast");
        SimulatedCluster slow = sim.startCluster("restart-slow");
        String operationId;
        try (ConfigurableApplicationContext first = start(embedded(dataDir))) {
            Api api = api(first);
            register(api, "fast", fast);
            register(api, "slow", slow);
            slow.faults().latency(Duration.ofMillis(400));
            JsonNode op = deploy(api, "web", List.of("fast", "slow"));
            operationId = op.get("id").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode now = operation(api, operationId);
                return "Succeeded".equals(step(now, "fast").get("state").asString())
                        && "Running".equals(now.get("state").asString());
            });
        }
        slow.faults().clear();

        try (ConfigurableApplicationContext second = start(embedded(dataDir))) {
            Api api = api(second);
            JsonNode ended = await().atMost(Duration.ofSeconds(60)).until(() -> operation(api, operationId),
                    op -> !"Running".equals(op.get("state").asString()) && !"Pending".equals(op.get("state").asString()));
            assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("Succeeded");
            assertThat(step(ended, "fast").get("attempts").asInt()).as("a finished target is not redone").isEqualTo(1);
            assertThat(step(ended, "slow").get("state").asString()).isEqualTo("Succeeded");
            for (SimulatedCluster cluster : List.of(fast, slow)) {
                assertThat(cluster.client().apps().statefulSets().inNamespace("shop").withName("web").get()).isNotNull();
            }
            JsonNode app = api.get("/api/v1/applications/web", TOKEN).json();
            assertThat(app.get("targets").valueStream().map(t -> t.get("syncStatus").asString())).containsOnly("Synced");
            assertThat(app.get("activeOperationId").isNull()).isTrue();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRunEachOperationExactlyOnceAndEachStreamsEveryEvent() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "berth-shared-");
        SimulatedCluster cluster = sim.startCluster("shared");
        try (ConfigurableApplicationContext first = start(embedded(dataDir))) {
            try (ConfigurableApplicationContext second = start(WholeBerth.onDatabaseOf(first, common()))) {
                Api one = api(first);
                Api two = api(second);
                // a portal connected to each instance, whichever instance runs an operation
                EventStream streamOne = EventStream.open(port(first), "/api/v1/stream?type=OperationEnded", TOKEN);
                EventStream streamTwo = EventStream.open(port(second), "/api/v1/stream?type=OperationEnded", TOKEN);
                register(one, "shared", cluster);
                seed(one);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ids.add(deploy(i % 2 == 0 ? one : two, "app-" + i, List.of("shared")).get("id").asString());
                }
                for (String id : ids) {
                    JsonNode ended = await().atMost(Duration.ofSeconds(60)).until(() -> operation(two, id),
                            op -> "Succeeded".equals(op.get("state").asString()) || "Failed".equals(op.get("state").asString()));
                    assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("Succeeded");
                    assertThat(ended.get("steps").get(0).get("attempts").asInt()).isEqualTo(1);
                }
                JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
                for (String id : ids) {
                    Integer ends = jdbc.queryForObject("select count(*) from audit_record where operation_id = ?::uuid"
                            + " and result = 'Succeeded'", Integer.class, id);
                    assertThat(ends).as("operation %s ended once", id).isEqualTo(1);
                }
                List<String> runners = jdbc.queryForList("select distinct lease_owner from operation where id in ("
                        + String.join(",", ids.stream().map(id -> "'" + id + "'::uuid").toList()) + ")", String.class);
                assertThat(runners).as("both instances took work").hasSize(2);

                for (EventStream stream : List.of(streamOne, streamTwo)) {
                    List<String> ended = new ArrayList<>();
                    stream.until(e -> {
                        ended.add(e.json().get("operationId").asString());
                        return ended.containsAll(ids);
                    }, Duration.ofSeconds(20));
                    assertThat(ended).containsExactlyInAnyOrderElementsOf(ids);
                }
                streamOne.close();

                // a stop ends the streams still open first, rather than waiting out the graceful shutdown's
                // 10 s for them (they never finish on their own) and cutting them off after it
                long stopping = System.nanoTime();
                second.close();
                assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("the stop of an instance with an open stream")
                        .isLessThan(Duration.ofSeconds(5));
                assertThat(endOf(streamTwo)).as("the open stream ended").isTrue();
            }
        }
    }

    private static Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("berth.bootstrap-token", TOKEN);
        properties.put("berth.encryption.key", KEY);
        properties.put("berth.clusters.probe-scheduler", "false");
        properties.put("berth.embedded-database.durability", "unsafe-fast-for-tests");
        properties.put("berth.operations.poll-interval", "100ms");
        properties.put("berth.operations.lease-duration", "2s");
        properties.put("berth.operations.max-running", "2");
        properties.put("berth.operations.readiness-poll", "100ms");
        properties.put("berth.operations.retry-initial-delay", "200ms");
        return properties;
    }

    private static Map<String, Object> embedded(Path dataDir) {
        Map<String, Object> properties = common();
        properties.put("berth.data-dir", dataDir.toString());
        return properties;
    }

    private static void register(Api api, String name, SimulatedCluster cluster) {
        Api.Reply reply = api.post("/api/v1/clusters", TOKEN, Map.of("name", name, "kubeconfig", cluster.kubeconfig()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private static void seed(Api api) {
        assertThat(api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).status()).isEqualTo(200);
    }

    private static JsonNode deploy(Api api, String name, List<String> clusters) {
        seed(api);
        Api.Reply reply = api.post("/api/v1/applications", TOKEN, Map.of("name", name, "templateSet", "nginx-web",
                "version", "1.0.0", "values", Map.of("replicas", 1), "wait", true,
                "targets", clusters.stream().map(c -> Map.of("cluster", c, "namespace", "shop")).toList()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json();
    }

    /** Whether the stream ends (after whatever keep-alives) within a few seconds. */
    private static boolean endOf(EventStream stream) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (stream.next(Duration.ofMillis(200)) == null && stream.ended()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode operation(Api api, String id) {
        return api.get("/api/v1/operations/" + id, TOKEN).json();
    }

    private static JsonNode step(JsonNode operation, String cluster) {
        return operation.get("steps").valueStream().filter(s -> s.get("cluster").asString().equals(cluster))
                .findFirst().orElseThrow();
    }
}
