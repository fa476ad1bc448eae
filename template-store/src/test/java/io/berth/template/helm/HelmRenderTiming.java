package io.berth.template.helm;

import java.util.Map;

import io.berth.template.HelmContent;
import io.berth.template.HelmRenderer;
import io.berth.template.RenderedManifests;

/**
 * Prints how long the web chart takes to render: the first render in a fresh JVM (which loads
 * Helm's library) and then warm renders. Run with the test class path, e.g.
 * {@code java -cp target/test-classes:target/classes:<dependencies> io.berth.template.helm.HelmRenderTiming}.
 */
public final class HelmRenderTiming {

    private HelmRenderTiming() {
    }

    public static void main(String[] args) {
        HelmRenderer renderer = new HelmRenderer();
        HelmContent content = TestCharts.web();
        long start = System.nanoTime();
        boolean available = HelmRenderer.isAvailable();
        long load = System.nanoTime() - start;
        RenderedManifests first = renderer.render(content, Map.of("replicas", 5), TestCharts.BUILT_INS);
        long cold = System.nanoTime() - start;
        System.out.printf("cold render: %.1f ms in all, of which loading Helm's library %.1f ms (available: %s);"
                + " %d manifests%n", cold / 1e6, load / 1e6, available, first.manifests().size());
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long[] times = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            renderer.render(content, Map.of("replicas", i % 7), TestCharts.BUILT_INS);
            times[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(times);
        System.out.printf("warm render over %d rounds: median %.2f ms, p90 %.2f ms, min %.2f ms%n", rounds,
                times[rounds / 2] / 1e6, times[rounds * 9 / 10] / 1e6, times[0] / 1e6);
        long lintStart = System.nanoTime();
        renderer.lint(content);
        System.out.printf("warm lint: %.1f ms%n", (System.nanoTime() - lintStart) / 1e6);
    }
}
