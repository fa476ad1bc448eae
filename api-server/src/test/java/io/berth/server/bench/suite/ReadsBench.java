package io.berth.server.bench.suite;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.testsupport.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Reads at fleet size: with {@code applications} applications of {@code targetsPerApplication} targets
 * each over {@code clusters} registered clusters, {@code clients} concurrent clients read one
 * application, a page of applications filtered by cluster, a page filtered by label, and one cluster,
 * each compared with the floor: an authenticated request to a trivial endpoint of the same server,
 * measured in the same repetition.
 *
 * <p>One application is deployed through the API (to simulated clusters, waited for); the others are
 * copies of its rows, made in the database, with their own names, labels, namespaces and clusters, so
 * that every row has the shape Berth writes. The status tracker is off: nothing else runs during the
 * reads (its own cost is the tracking benchmark's).
 */
public final class ReadsBench implements Bench {

    private static final String TOKEN = BenchBerth.TOKEN;
    private static final int TEAMS = 20;
    private static final double TARGET_SHARE = 0.5;
    private static final double TARGET_P99_MILLIS = 50;

    record Sizes(int clusters, int applications, int targetsPerApplication, int clients, Duration warmUp, Duration each,
                 int repetitions) {
    }

    static final Sizes FULL = new Sizes(25, 10_000, 5, 16, Duration.ofSeconds(10), Duration.ofSeconds(10), 5);
    static final Sizes SMOKE = new Sizes(2, 30, 2, 4, Duration.ofMillis(500), Duration.ofMillis(500), 2);

    @Override
    public String name() {
        return "reads";
    }

    @Override
    public List<Figure> run(Size size) throws Exception {
        Sizes sizes = size == Size.FULL ? FULL : SMOKE;
        try (KubeSim sim = new KubeSim(SimulatorSettings.defaults());
             BenchBerth berth = BenchBerth.start(Map.of("berth.clusters.probe-scheduler", "false", "berth.status.enabled", "false"))) {
            TrivialEndpoint.register(berth.context());
            seed(sim, berth, sizes);
            return measure(new Load(berth.port(), TOKEN), sizes);
        }
    }

    private List<Figure> measure(Load load, Sizes sizes) throws Exception {
        Map<String, IntFunction<String>> reads = new LinkedHashMap<>();
        reads.put("`GET /applications/{name}`", n -> "/api/v1/applications/" + application(n % sizes.applications()));
        reads.put("`GET /applications?cluster=…&limit=50`", n -> "/api/v1/applications?limit=50&cluster=" + cluster(n % sizes.clusters()));
        reads.put("`GET /applications?labelSelector=team=…&limit=50`",
                n -> "/api/v1/applications?limit=50&labelSelector=team%3Dt" + n % TEAMS);
        reads.put("`GET /clusters/{name}`", n -> "/api/v1/clusters/" + cluster(n % sizes.clusters()));
        IntFunction<String> floor = n -> TrivialEndpoint.PATH;

        load.run(sizes.clients(), sizes.warmUp(), floor);
        for (IntFunction<String> read : reads.values()) {
            load.run(sizes.clients(), sizes.warmUp(), read);
        }
        List<Double> floorRates = new ArrayList<>();
        List<Double> floorLatencies = new ArrayList<>();
        Map<String, List<Double>> shares = new HashMap<>();
        Map<String, List<Double>> rates = new HashMap<>();
        Map<String, List<Double>> latencies = new HashMap<>();
        for (int r = 0; r < sizes.repetitions(); r++) {
            // The floor is measured in every repetition, next to the reads it is compared with.
            Load.Result base = load.run(sizes.clients(), sizes.each(), floor);
            floorRates.add(base.perSecond());
            floorLatencies.addAll(base.latenciesMillis());
            for (Map.Entry<String, IntFunction<String>> read : reads.entrySet()) {
                Load.Result result = load.run(sizes.clients(), sizes.each(), read.getValue());
                rates.computeIfAbsent(read.getKey(), k -> new ArrayList<>()).add(result.perSecond());
                shares.computeIfAbsent(read.getKey(), k -> new ArrayList<>()).add(result.perSecond() / base.perSecond());
                latencies.computeIfAbsent(read.getKey(), k -> new ArrayList<>()).addAll(result.latenciesMillis());
            }
        }
        String scale = "%,d apps, %,d targets, %d clients".formatted(sizes.applications(),
                sizes.applications() * sizes.targetsPerApplication(), sizes.clients());
        Stats floorRate = Stats.of(floorRates);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.context(name(), "floor: authenticated trivial endpoint (" + scale + ")",
                floorRate.format("req/s") + "; p99 " + Stats.number(Stats.of(floorLatencies).p99()) + " ms"));
        for (String read : reads.keySet()) {
            Stats share = Stats.of(shares.get(read));
            double p99 = Stats.of(latencies.get(read)).p99();
            figures.add(new Figure(name(), read, Stats.of(rates.get(read)).format("req/s") + "; p99 " + Stats.number(p99) + " ms",
                    "%.0f%% of floor (%.0f-%.0f%%)".formatted(share.median() * 100, share.min() * 100, share.max() * 100),
                    "≥ 50% of floor, p99 < 50 ms", share.median() >= TARGET_SHARE && p99 < TARGET_P99_MILLIS));
        }
        return figures;
    }

    // ---- the data: clusters, one deployed application, copies of it ----

    private static void seed(KubeSim sim, BenchBerth berth, Sizes sizes) throws InterruptedException {
        Api api = berth.api();
        for (int c = 0; c < sizes.clusters(); c++) {
            SimulatedCluster cluster = sim.startCluster(cluster(c));
            api.post("/api/v1/clusters", TOKEN, Map.of("name", cluster.name(), "kubeconfig", cluster.kubeconfig(),
                    "labels", Map.of("env", c % 2 == 0 ? "dev" : "prod"))).expect(201);
        }
        api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).expect(200);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int t = 0; t < sizes.targetsPerApplication(); t++) {
            targets.add(Map.of("cluster", cluster(t), "namespace", application(0)));
        }
        JsonNode operation = api.post("/api/v1/applications", TOKEN, Map.of("name", application(0), "templateSet", "nginx-web",
                "version", "1.0.0", "labels", Map.of("team", "t0", "tier", "db"), "targets", targets, "wait", true)).expect(202);
        awaitSucceeded(api, operation.get("id").asString());

        TableCopier copier = new TableCopier(berth.jdbc());
        UUID seed = berth.jdbc().sql("select id from application where name = :name").param("name", application(0))
                .query(UUID.class).single();
        Map<String, Object> params = Map.of("seed", seed, "copies", sizes.applications() - 1, "clusters", sizes.clusters(),
                "perApplication", sizes.targetsPerApplication(), "teams", TEAMS);
        copier.copy("application", "a", Map.of(
                        "id", "gen_random_uuid()",
                        "name", "'app-' || lpad(i::text, 5, '0')",
                        "labels", "jsonb_build_object('team', 't' || (i % :teams), 'tier', case when i % 2 = 0 then 'db' else 'cache' end)"),
                "application a, generate_series(1, :copies) i where a.id = :seed", params);
        copier.copy("application_revision", "r", Map.of("application_id", "n.id"),
                "application_revision r join application n on n.id <> r.application_id where r.application_id = :seed", params);
        // Application i has its targets on clusters i, i+1, ... (modulo the cluster count), in a namespace named after it.
        copier.copy("application_target", "t", Map.of(
                        "application_id", "n.id",
                        "cluster_id", "c.id",
                        "cluster_name", "c.name",
                        "namespace", "n.name",
                        "health", "case when random() < 0.1 then 'Progressing' else t.health end"),
                """
                application n
                cross join generate_series(0, :perApplication - 1) j
                join (select id, name, (row_number() over (order by name)) - 1 as ix from cluster) c
                  on c.ix = (substring(n.name from 5)::int + j) % :clusters
                join (select * from application_target where application_id = :seed limit 1) t on true
                where n.id <> :seed""", params);
        berth.jdbc().sql("analyze").update();
        int rows = berth.jdbc().sql("select count(*) from application_target").query(Integer.class).single();
        if (rows != sizes.applications() * sizes.targetsPerApplication()) {
            throw new IllegalStateException("expected " + sizes.applications() * sizes.targetsPerApplication() + " targets, have " + rows);
        }
    }

    static String application(int n) {
        return "app-%05d".formatted(n);
    }

    static String cluster(int n) {
        return "c%02d".formatted(n);
    }

    static void awaitSucceeded(Api api, String operationId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String state = api.get("/api/v1/operations/" + operationId, TOKEN).json().get("state").asString();
            if (state.equals("Succeeded")) {
                return;
            }
            if (List.of("Failed", "Cancelled").contains(state)) {
                throw new IllegalStateException("operation " + operationId + " ended " + state);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("operation " + operationId + " did not end within 5 minutes");
    }

}
