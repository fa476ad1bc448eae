package io.berth.template.helm;

import java.util.Map;
import java.util.stream.Collectors;

import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;

/**
 * Stands for Berth in {@link HelmSignalTest}: renders a chart through Helm workers, says so with the
 * workers' process ids, and waits to be stopped. Its shutdown hook says when it runs.
 */
public final class SigtermProbe {

    private SigtermProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        HelmWorkers workers = new HelmWorkers(HelmLimits.DEFAULT);
        HelmRenderer renderer = new HelmRenderer(workers);
        renderer.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);
        renderer.lint(TestCharts.web());
        System.out.println("rendered by " + workers.workerPids().stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
