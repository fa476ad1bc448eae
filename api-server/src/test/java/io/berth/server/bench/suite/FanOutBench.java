package io.berth.server.bench.suite;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.operations.OperationSettings;
import io.berth.server.testsupport.Api;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Deploy fan-out against its floor. Berth deploys the article's {@code web} (nginx-web 1.0.0: a headless
 * Service and a StatefulSet of 3 replicas, waiting until they are ready) to N simulated clusters, timed
 * from the POST to the moment the operation is seen ended. The floor does the least work the same job
 * needs, in the same JVM run, against the same clusters: the same rendered manifests (rendered by
 * Berth's preview before the clock starts), server-side applied by a bare fabric8 client per cluster
 * (made from the cluster's kubeconfig, as Berth's are) with as many targets at once as Berth's
 * {@code berth.operations.target-parallelism}, each waiting for its StatefulSet's 3 ready replicas
 * through a watch. Berth and the floor take turns, each in namespaces of its own, after one warm-up of
 * each at the largest N.
 */
public final class FanOutBench implements Bench {

    private static final String TOKEN = BenchBerth.TOKEN;
    private static final int REPLICAS = 3;
    private static final double TARGET_RATIO = 1.3;
    private static final double TARGET_GROWTH = 5;

    record Sizes(List<Integer> clusterCounts, int repetitions) {

        int largest() {
            return clusterCounts.get(clusterCounts.size() - 1);
        }
    }

    static final Sizes FULL = new Sizes(List.of(1, 10, 50), 3);
    static final Sizes SMOKE = new Sizes(List.of(1, 2), 1);

    private int runs;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public List<Figure> run(Size size) throws Exception {
        Sizes sizes = size == Size.FULL ? FULL : SMOKE;
        try (KubeSim sim = new KubeSim(SimulatorSettings.defaults());
             BenchBerth berth = BenchBerth.start(Map.of())) {
            Api api = berth.api();
            List<SimulatedCluster> clusters = new ArrayList<>();
            for (int c = 0; c < sizes.largest(); c++) {
                SimulatedCluster cluster = sim.startCluster("f%02d".formatted(c));
                api.post("/api/v1/clusters", TOKEN, Map.of("name", cluster.name(), "kubeconfig", cluster.kubeconfig())).expect(201);
                clusters.add(cluster);
            }
            api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).expect(200);
            int parallelism = berth.bean(OperationSettings.class).targetParallelism();
            List<KubernetesClient> clients = clusters.stream().map(SimulatedCluster::outsideClient).toList();
            try {
                Floor floor = new Floor(api, clusters, clients, parallelism);
                berth(api, clusters.size());
                floor.deploy(clusters.size(), "warm-floor");
                Map<Integer, List<Double>> berthSeconds = new LinkedHashMap<>();
                Map<Integer, List<Double>> floorSeconds = new LinkedHashMap<>();
                // requests the simulated API servers answered during each deploy, per target: what Berth asks of
                // the clusters against what the floor asks (Berth's own background work counts in both windows)
                Map<Integer, List<Double>> berthRequests = new LinkedHashMap<>();
                Map<Integer, List<Double>> floorRequests = new LinkedHashMap<>();
                // CPU time of this JVM during each deploy (Berth, the simulated clusters and the floor's clients all
                // run in it; PostgreSQL does not): on a machine where both are CPU-bound, what a deploy costs
                Map<Integer, List<Double>> berthCpu = new LinkedHashMap<>();
                Map<Integer, List<Double>> floorCpu = new LinkedHashMap<>();
                for (int r = 0; r < sizes.repetitions(); r++) {
                    for (int n : sizes.clusterCounts()) {
                        long before = requests(clusters);
                        long cpuBefore = processCpuNanos();
                        berthSeconds.computeIfAbsent(n, k -> new ArrayList<>()).add(berth(api, n));
                        long between = requests(clusters);
                        long cpuBetween = processCpuNanos();
                        floorSeconds.computeIfAbsent(n, k -> new ArrayList<>()).add(floor.deploy(n, "floor-" + ++runs));
                        berthRequests.computeIfAbsent(n, k -> new ArrayList<>()).add((between - before) / (double) n);
                        floorRequests.computeIfAbsent(n, k -> new ArrayList<>()).add((requests(clusters) - between) / (double) n);
                        berthCpu.computeIfAbsent(n, k -> new ArrayList<>()).add((cpuBetween - cpuBefore) / 1e9);
                        floorCpu.computeIfAbsent(n, k -> new ArrayList<>()).add((processCpuNanos() - cpuBetween) / 1e9);
                    }
                }
                List<Figure> figures = figures(sizes, parallelism, berthSeconds, floorSeconds);
                for (int n : sizes.clusterCounts()) {
                    String clusterCount = "%d cluster%s".formatted(n, n == 1 ? "" : "s");
                    figures.add(Figure.context(name(), "requests to the clusters per target, " + clusterCount,
                            "Berth %s; floor %s".formatted(Stats.of(berthRequests.get(n)).format("requests"),
                                    Stats.of(floorRequests.get(n)).format("requests"))));
                    figures.add(Figure.context(name(), "CPU time of the JVM per deploy (without PostgreSQL), " + clusterCount,
                            "Berth %s; floor %s".formatted(Stats.of(berthCpu.get(n)).format("s"), Stats.of(floorCpu.get(n)).format("s"))));
                }
                return figures;
            } finally {
                clients.forEach(KubernetesClient::close);
            }
        }
    }

    private List<Figure> figures(Sizes sizes, int parallelism, Map<Integer, List<Double>> berth, Map<Integer, List<Double>> floor) {
        List<Figure> figures = new ArrayList<>();
        for (int n : sizes.clusterCounts()) {
            Stats b = Stats.of(berth.get(n));
            Stats f = Stats.of(floor.get(n));
            boolean last = n == sizes.largest();
            figures.add(new Figure(name(), "deploy `web` (3 replicas, wait) to %d cluster%s, parallelism %d".formatted(n, n == 1 ? "" : "s",
                    parallelism), b.format("s"), f.format("s") + "; Berth %.2f×".formatted(b.median() / f.median()),
                    last ? "≤ 1.3× floor" : "", last ? b.median() <= TARGET_RATIO * f.median() : null));
        }
        double growth = Stats.of(berth.get(sizes.largest())).median() / Stats.of(berth.get(sizes.clusterCounts().get(0))).median();
        figures.add(new Figure(name(), "time(N=%d) / time(N=%d), Berth".formatted(sizes.largest(), sizes.clusterCounts().get(0)),
                "%.2f×".formatted(growth), "", "≤ 5×", growth <= TARGET_GROWTH));
        return figures;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long requests(List<SimulatedCluster> clusters) {
        return clusters.stream().mapToLong(SimulatedCluster::outsideRequests).sum();
    }

    /** Deploys {@code web} with Berth to the first n clusters and gives the seconds from the POST to the end seen. */
    private double berth(Api api, int n) throws InterruptedException {
        String name = "fan-" + ++runs;
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            targets.add(Map.of("cluster", "f%02d".formatted(c), "namespace", name));
        }
        long start = System.nanoTime();
        JsonNode operation = api.post("/api/v1/applications", TOKEN, Map.of("name", name, "templateSet", "nginx-web",
                "version", "1.0.0", "values", Map.of("replicas", REPLICAS), "targets", targets, "createNamespace", true,
                "wait", true, "timeoutSeconds", 300)).expect(202);
        String id = operation.get("id").asString();
        while (true) {
            String state = api.get("/api/v1/operations/" + id, TOKEN).json().get("state").asString();
            if (state.equals("Succeeded")) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (List.of("Failed", "Cancelled").contains(state)) {
                throw new IllegalStateException("the deploy of " + name + " ended " + state);
            }
            Thread.sleep(20);
        }
    }

    /** The least work: the rendered objects applied by bare clients, each StatefulSet waited for through a watch. */
    private record Floor(Api api, List<SimulatedCluster> clusters, List<KubernetesClient> clients, int parallelism) {

        double deploy(int n, String namespace) throws Exception {
            List<List<GenericKubernetesResource>> rendered = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                rendered.add(render(clusters.get(c).name(), namespace));
            }
            ExecutorService pool = Executors.newFixedThreadPool(parallelism);
            try {
                long start = System.nanoTime();
                List<Future<?>> targets = new ArrayList<>();
                for (int c = 0; c < n; c++) {
                    KubernetesClient client = clients.get(c);
                    List<GenericKubernetesResource> objects = rendered.get(c);
                    targets.add(pool.submit(() -> applyAndWait(client, namespace, objects)));
                }
                for (Future<?> target : targets) {
                    target.get();
                }
                return (System.nanoTime() - start) / 1e9;
            } finally {
                pool.shutdownNow();
            }
        }

        private List<GenericKubernetesResource> render(String cluster, String namespace) {
            JsonNode result = api.post("/api/v1/template-sets/nginx-web/versions/1.0.0/render", TOKEN,
                    Map.of("values", Map.of("replicas", REPLICAS), "cluster", cluster, "namespace", namespace, "application", namespace)).expect(200);
            List<GenericKubernetesResource> objects = new ArrayList<>();
            for (JsonNode manifest : result.get("manifests")) {
                objects.add(Api.JSON.treeToValue(manifest.get("object"), GenericKubernetesResource.class));
            }
            return objects;
        }

        private static Void applyAndWait(KubernetesClient client, String namespace, List<GenericKubernetesResource> objects) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .fieldManager("floor").forceConflicts().serverSideApply();
            for (GenericKubernetesResource object : objects) {
                client.resource(object).inNamespace(namespace).fieldManager("floor").forceConflicts().serverSideApply();
            }
            client.apps().statefulSets().inNamespace(namespace).withName("web")
                    .waitUntilCondition(FanOutBench::ready, 5, TimeUnit.MINUTES);
            return null;
        }
    }

    private static boolean ready(StatefulSet set) {
        return set != null && set.getStatus() != null && Objects.equals(set.getStatus().getReadyReplicas(), REPLICAS);
    }
}
