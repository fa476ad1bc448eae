package io.berth.server.bench;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.BerthApplication;
import io.berth.server.testsupport.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Deploys nginx-web (3 replicas, waiting for them) to N simulated clusters at once, one of them
 * unreachable, then scales it to 5 everywhere, and reports how long each took: when the last
 * reachable target was done, and when the operation ended (the dead cluster's retries included).
 * A {@code main}, not a test; see docs/applications.md for how to run it and the figures.
 *
 * <p>Arguments: clusters (default 20), target parallelism (default 8).
 */
public final class FanOutDeployBench {

    private static final String TOKEN = "berth_bench-admin-token-0123456789abcdefghij";

    private FanOutDeployBench() {
    }

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path data = Files.createTempDirectory("berth-bench-");
        try (KubeSim sim = new KubeSim(SimulatorSettings.defaults());
             ConfigurableApplicationContext berth = new SpringApplicationBuilder(BerthApplication.class).run(
                     "--server.port=0", "--berth.data-dir=" + data, "--berth.bootstrap-token=" + TOKEN,
                     "--berth.clusters.probe-scheduler=false", "--berth.status.enabled=false",
                     "--berth.operations.target-parallelism=" + parallelism, "--berth.operations.poll-interval=200ms",
                     "--berth.operations.readiness-poll=200ms", "--logging.level.root=WARN")) {
            Api api = new Api(((WebServerApplicationContext) berth).getWebServer().getPort());
            List<Map<String, Object>> targets = new ArrayList<>();
            List<SimulatedCluster> started = new ArrayList<>();
            for (int i = 1; i <= clusters; i++) {
                SimulatedCluster cluster = sim.startCluster("bench-" + i);
                started.add(cluster);
                api.post("/api/v1/clusters", TOKEN, Map.of("name", cluster.name(), "kubeconfig", cluster.kubeconfig())).expect(201);
                targets.add(Map.of("cluster", cluster.name(), "namespace", "shop"));
            }
            api.post("/api/v1/template-sets/seeds", TOKEN, Map.of()).expect(200);
            started.get(started.size() - 1).faults().unreachable();

            report("deploy 3 replicas", clusters, parallelism, api, api.post("/api/v1/applications", TOKEN,
                    Map.of("name", "web", "templateSet", "nginx-web", "version", "1.0.0", "targets", targets,
                            "wait", true, "timeoutSeconds", 120)).expect(202));
            report("scale to 5", clusters, parallelism, api, api.post("/api/v1/applications/web/scale", TOKEN,
                    Map.of("replicas", 5, "wait", true, "timeoutSeconds", 120)).expect(202));
        }
    }

    private static void report(String what, int clusters, int parallelism, Api api, JsonNode accepted) throws InterruptedException {
        long start = System.nanoTime();
        Long reachableDone = null;
        JsonNode op;
        while (true) {
            op = api.get("/api/v1/operations/" + accepted.get("id").asString(), TOKEN).json();
            long finishedOk = op.get("steps").valueStream().filter(s -> s.get("state").asString().equals("Succeeded")).count();
            if (reachableDone == null && finishedOk == clusters - 1) {
                reachableDone = System.nanoTime() - start;
            }
            if (List.of("Succeeded", "Failed", "Cancelled").contains(op.get("state").asString())) {
                break;
            }
            Thread.sleep(50);
        }
        long total = System.nanoTime() - start;
        System.out.printf("%s: %d clusters (1 unreachable), parallelism %d: %d reachable targets done in %s, operation %s in %s%n",
                what, clusters, parallelism, clusters - 1, reachableDone == null ? "never" : Duration.ofNanos(reachableDone),
                op.get("state").asString(), Duration.ofNanos(total));
    }

}
