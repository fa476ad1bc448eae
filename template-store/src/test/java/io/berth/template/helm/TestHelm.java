package io.berth.template.helm;

import io.berth.template.ContentLimits;
import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;

/**
 * One set of Helm workers with the default limits for all the Helm tests of a JVM, so that a test
 * class does not start workers of its own (a worker takes about a second to start). Closed when the
 * JVM exits; the workers would stop anyway once their stdin closes.
 */
public final class TestHelm {

    private static final HelmWorkers WORKERS = new HelmWorkers(HelmLimits.DEFAULT);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(WORKERS::close, "test-helm-workers"));
    }

    private TestHelm() {
    }

    public static HelmWorkers workers() {
        return WORKERS;
    }

    public static HelmRenderer renderer() {
        return new HelmRenderer(WORKERS);
    }

    public static HelmRenderer renderer(ContentLimits limits) {
        return new HelmRenderer(limits, WORKERS);
    }
}
