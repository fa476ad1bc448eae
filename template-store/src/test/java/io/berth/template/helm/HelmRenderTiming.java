package io.berth.template.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import io.berth.template.HelmContent;
import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;
import io.berth.template.RenderedManifests;
import io.berth.template.internal.helm.pool.HelmRuntime;

/**
 * Prints what a Helm render costs through the workers (a benchmark, not a test): preparing the
 * worker's files once per JVM, the first render of a new pool (it starts a worker), warm renders on
 * the same worker, a render with a new worker each time (what one process per render would cost),
 * a warm lint, and the memory an idle worker holds. Run with the test class path, e.g.
 * <pre>
 * ./mvnw -B -o -q -pl template-store test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp template-store/target/test-classes:template-store/target/classes:$(cat /tmp/cp.txt) \
 *     io.berth.template.helm.HelmRenderTiming 200 10
 * </pre>
 * Arguments: warm rounds (default 200), rounds with a new worker each (default 10).
 */
public final class HelmRenderTiming {

    private HelmRenderTiming() {
    }

    public static void main(String[] args) throws IOException {
        int warmRounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int freshRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        HelmContent content = TestCharts.web();

        long start = System.nanoTime();
        HelmRuntime.prepared();
        System.out.printf("prepare the worker's files (once per JVM): %.1f ms%n", millis(System.nanoTime() - start));

        try (HelmWorkers workers = new HelmWorkers(HelmLimits.DEFAULT)) {
            HelmRenderer renderer = new HelmRenderer(workers);
            long t = System.nanoTime();
            RenderedManifests first = renderer.render(content, Map.of("replicas", 5), TestCharts.BUILT_INS);
            System.out.printf("cold render (starts a worker): %.1f ms, %d manifests%n", millis(System.nanoTime() - t),
                    first.manifests().size());
            long[] warm = new long[warmRounds];
            for (int i = 0; i < warmRounds; i++) {
                t = System.nanoTime();
                renderer.render(content, Map.of("replicas", i % 7), TestCharts.BUILT_INS);
                warm[i] = System.nanoTime() - t;
            }
            print("warm render (same worker)", warm);
            t = System.nanoTime();
            renderer.lint(content);
            System.out.printf("warm lint: %.1f ms%n", millis(System.nanoTime() - t));
            for (long pid : workers.workerPids()) {
                System.out.printf("idle worker %d holds %s%n", pid, memory(pid));
            }
        }

        long[] fresh = new long[freshRounds];
        for (int i = 0; i < freshRounds; i++) {
            try (HelmWorkers workers = new HelmWorkers(HelmLimits.DEFAULT)) {
                long t = System.nanoTime();
                new HelmRenderer(workers).render(content, Map.of("replicas", i % 7), TestCharts.BUILT_INS);
                fresh[i] = System.nanoTime() - t;
            }
        }
        print("render with a new worker each time", fresh);
    }

    private static void print(String what, long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("%s over %d rounds: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n", what,
                sorted.length, millis(sorted[sorted.length / 2]), millis(sorted[sorted.length * 9 / 10]),
                millis(sorted[0]), millis(sorted[sorted.length - 1]));
    }

    private static String memory(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("VmData:"))
                .map(line -> line.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + ", " + b).orElse("?");
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
