package io.berth.server.scaleout;

import static io.berth.server.testsupport.WholeBerth.api;
import static io.berth.server.testsupport.WholeBerth.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.cluster.ClusterOwnership;
import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.status.StatusTracker;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.WholeBerth;
import io.berth.engine.health.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Three Berth replicas on one database, as three processes would run (each a whole application of its
 * own): the clusters are spread over them, each watched by one replica, and the clusters of a replica
 * that dies are taken over within a lease period with no change missed.
 */
class ReplicasIT {

    private static final String TOKEN = "berth_replicas-admin-token-0123456789abcdef";
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final List<String> CLUSTERS = IntStream.range(0, 9).mapToObj(i -> "fleet-" + i).toList();
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
    void clustersAreSpreadOverTheReplicasAndADeadReplicasClustersAreTakenOverWithNoChangeMissed() throws Exception {
        Map<String, SimulatedCluster> simulated = new LinkedHashMap<>();
        CLUSTERS.forEach(name -> simulated.put(name, sim.startCluster(name)));
        Path dataDir = Files.createTempDirectory(Path.of("target"), "berth-replicas-");
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            ConfigurableApplicationContext one = start(embedded(dataDir, "replica-1"));
            started.add(one);
            Api api = api(one);
            simulated.forEach((name, cluster) -> register(api, name, cluster));
            deploy(api, "web", CLUSTERS);
            JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);

            // alone, the first replica holds every cluster
            awaitSettled(jdbc, List.of(one));
            assertThat(holders(jdbc).values()).containsOnly("replica-1");
            awaitHealth(api, CLUSTERS, "Healthy");

            // two more join: each takes its share, handed over by the first
            ConfigurableApplicationContext two = start(WholeBerth.onDatabaseOf(one, common("replica-2")));
            started.add(two);
            ConfigurableApplicationContext three = start(WholeBerth.onDatabaseOf(one, common("replica-3")));
            started.add(three);
            List<ConfigurableApplicationContext> replicas = List.of(one, two, three);
            Map<String, String> spread = awaitStable(jdbc, replicas);
            assertThat(Set.copyOf(spread.values())).as("every replica holds clusters: " + spread)
                    .containsExactlyInAnyOrder("replica-1", "replica-2", "replica-3");

            // reads are served by any replica, and each target's health was written by its cluster's holder
            JsonNode app = api(three).get("/api/v1/applications/web", TOKEN).json();
            assertThat(app.get("targets").valueStream().map(t -> t.get("health").asString())).containsOnly("Healthy");
            // a change on every cluster is seen, and written, by whichever replica holds it
            CLUSTERS.forEach(name -> deleteWeb(simulated.get(name)));
            awaitHealth(api(two), CLUSTERS, "Missing");
            assertThat(observers(jdbc)).as("health written by each cluster's holder").isEqualTo(spread);
            rollBack(api, "web", 1); // deployed again, through any replica
            awaitHealth(api, CLUSTERS, "Healthy");

            // a replica dies: from the database's side, a process killed and one cut off look alike
            List<String> orphaned = spread.entrySet().stream().filter(e -> e.getValue().equals("replica-3"))
                    .map(Map.Entry::getKey).toList();
            assertThat(backendsOf(jdbc, "replica-3")).as("the replica's connections are told apart by their name").isPositive();
            Instant killed = Instant.now();
            three.getBean(HikariDataSource.class).close();
            // a connection the replica had borrowed is closed when given back, not at once: until then it could
            // still write, which a killed process could not
            await().atMost(Duration.ofSeconds(10)).until(() -> backendsOf(jdbc, "replica-3") == 0);
            // while nobody watches its clusters, their StatefulSets are deleted behind Berth's back
            orphaned.forEach(name -> deleteWeb(simulated.get(name)));

            awaitSettled(jdbc, List.of(one, two));
            Duration takeover = Duration.between(killed, Instant.now());
            Map<String, String> after = awaitStable(jdbc, List.of(one, two));
            System.out.printf("The clusters of the dead replica were taken over in %d ms (lease %d ms)%n",
                    takeover.toMillis(), LEASE.toMillis());
            assertThat(after.values()).doesNotContain("replica-3");
            spread.forEach((cluster, holder) -> {
                if (!holder.equals("replica-3")) {
                    assertThat(after.get(cluster)).as("a survivor's cluster stays where it was").isEqualTo(holder);
                }
            });
            assertThat(takeover).as("taken over within a lease period (plus one round on a loaded machine)")
                    .isLessThan(LEASE.plusSeconds(2));
            awaitHealth(api, orphaned, "Missing");
            List<String> untouched = CLUSTERS.stream().filter(c -> !orphaned.contains(c)).toList();
            awaitHealth(api, untouched, "Healthy");
            assertThat(observers(jdbc)).as("the deletions were seen and written by the new holders").isEqualTo(after);

            // a replica that lost a cluster's lease cannot write its targets' health any more
            ApplicationStore store = one.getBean(ApplicationStore.class);
            UUID appId = jdbc.queryForObject("select id from application where name = 'web'", UUID.class);
            assertThat(store.updateHealth(appId, orphaned.get(0), "shop", Health.Healthy, "an old view", Instant.now(),
                    "replica-3")).as("a write under a lease that went elsewhere").isFalse();
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /**
     * Waits until the leases are settled (below) and stay so for a lease period (three rounds of every
     * replica): a replica that has not yet read that another joined holds, for a round or two, clusters that
     * will move; on a loaded machine such a moment can look settled. Returns cluster to holder.
     */
    private static Map<String, String> awaitStable(JdbcTemplate jdbc, List<ConfigurableApplicationContext> replicas)
            throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(60);
        Map<String, String> settled = awaitSettled(jdbc, replicas);
        Instant since = Instant.now();
        while (Duration.between(since, Instant.now()).compareTo(LEASE) < 0) {
            assertThat(Instant.now()).as("leases that keep moving: " + settled).isBefore(giveUp);
            Thread.sleep(200);
            if (!settled.equals(holders(jdbc))) {
                settled = awaitSettled(jdbc, replicas);
                since = Instant.now();
            }
        }
        return settled;
    }

    /** The database connections a replica has open, told apart by their application name. */
    private static int backendsOf(JdbcTemplate jdbc, String replica) {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where application_name = ?", Integer.class, replica);
    }

    /**
     * Waits until the leases are settled over these replicas: every cluster held by one of them, each
     * holding some (the names of the replicas and clusters spread them so), in its own view what the
     * database says, and watching those clusters and no others. Returns cluster to holder.
     */
    private static Map<String, String> awaitSettled(JdbcTemplate jdbc, List<ConfigurableApplicationContext> replicas) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, String> holders = holders(jdbc);
            Set<String> names = new HashSet<>();
            for (ConfigurableApplicationContext replica : replicas) {
                ClusterOwnership ownership = replica.getBean(ClusterOwnership.class);
                names.add(ownership.replica());
                Set<String> held = new HashSet<>();
                holders.forEach((cluster, holder) -> {
                    if (holder.equals(ownership.replica())) {
                        held.add(cluster);
                    }
                });
                if (held.isEmpty() || !ownership.owned().equals(held)
                        || !replica.getBean(StatusTracker.class).watchedKinds().keySet().equals(held)) {
                    return null;
                }
            }
            return holders.keySet().equals(Set.copyOf(CLUSTERS)) && names.containsAll(holders.values()) ? holders : null;
        }, settled -> settled != null);
    }

    /** Cluster to the replica holding its lease now. */
    private static Map<String, String> holders(JdbcTemplate jdbc) {
        Map<String, String> holders = new HashMap<>();
        jdbc.query("select c.name, l.holder from cluster_lease l join cluster c on c.id = l.cluster_id"
                + " where l.held_until > clock_timestamp()", rs -> {
            holders.put(rs.getString(1), rs.getString(2));
        });
        return holders;
    }

    /** Cluster to the replica that wrote its target's health last. */
    private static Map<String, String> observers(JdbcTemplate jdbc) {
        Map<String, String> observers = new HashMap<>();
        jdbc.query("select cluster_name, health_observer from application_target", rs -> {
            observers.put(rs.getString(1), rs.getString(2));
        });
        return observers;
    }

    /** Waits until the targets on these clusters have this health, as any replica reads it. */
    private static void awaitHealth(Api api, List<String> clusters, String health) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode app = api.get("/api/v1/applications/web", TOKEN).json();
            for (JsonNode target : app.get("targets")) {
                if (clusters.contains(target.get("cluster").asString())) {
                    assertThat(target.get("health").asString()).as(target.toString()).isEqualTo(health);
                }
            }
        });
    }

    /** Deletes the application's StatefulSet behind Berth's back. */
    private static void deleteWeb(SimulatedCluster cluster) {
        cluster.outsideClient().apps().statefulSets().inNamespace("shop").withName("web").delete();
    }

    private static Map<String, Object> common(String replica) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("berth.bootstrap-token", TOKEN);
        properties.put("berth.encryption.key", KEY);
        properties.put("berth.replicas.name", replica);
        properties.put("spring.datasource.hikari.data-source-properties.ApplicationName", replica);
        properties.put("berth.replicas.lease-duration", LEASE.toMillis() + "ms");
        properties.put("berth.clusters.probe-interval", "1s");
        properties.put("berth.embedded-database.durability", "unsafe-fast-for-tests");
        properties.put("berth.operations.poll-interval", "100ms");
        properties.put("berth.operations.readiness-poll", "100ms");
        properties.put("berth.status.refresh-interval", "300ms");
        properties.put("berth.status.check-interval", "200ms");
        return properties;
    }

    private static Map<String, Object> embedded(Path dataDir, String replica) {
        Map<String, Object> properties = common(replica);
        properties.put("berth.data-dir", dataDir.toString());
        return properties;
    }

    private static void register(Api api, String name, SimulatedCluster cluster) {
        Api.Reply reply = api.post("/api/v1/clusters", TOKEN, Map.of("name", name, "kubeconfig", cluster.kubeconfig()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private static void deploy(Api api, String name, List<String> clusters) {
        assertThat(api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).status()).isEqualTo(200);
        Api.Reply reply = api.post("/api/v1/applications", TOKEN, Map.of("name", name, "templateSet", "nginx-web",
                "version", "1.0.0", "values", Map.of("replicas", 1), "wait", true,
                "targets", clusters.stream().map(c -> Map.of("cluster", c, "namespace", "shop")).toList()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        awaitOperation(api, reply.json().get("id").asString());
    }

    private static void rollBack(Api api, String name, int revision) {
        Api.Reply reply = api.post("/api/v1/applications/" + name + "/rollback", TOKEN, Map.of("revision", revision));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        awaitOperation(api, reply.json().get("id").asString());
    }

    private static void awaitOperation(Api api, String id) {
        JsonNode ended = await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/operations/" + id, TOKEN).json(),
                op -> !"Running".equals(op.get("state").asString()) && !"Pending".equals(op.get("state").asString()));
        assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("Succeeded");
    }
}
