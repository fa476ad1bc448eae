package io.berth.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.berth.template.internal.helm.pool.HelmWorkerPool;

/**
 * The processes in which Helm runs for Berth. Helm's Go library is never loaded in Berth's JVM: it
 * would read the cluster of Berth's own environment for {@code lookup}, grow Berth's memory without
 * bound for a looping template, and take SIGTERM away from the JVM. Instead each render and lint is
 * sent to a worker process (a small JVM with helm-java on its class path) that has no cluster, none
 * of Berth's environment, a throw-away home, and the limits of {@link HelmLimits}; a worker that
 * passes one is killed. Workers are started on demand and kept for the next render while they are
 * healthy (see docs/helm-isolation.md).
 *
 * <p>One instance per Berth (a Spring bean); closing it stops every worker.
 */
public final class HelmWorkers implements AutoCloseable {

    private final HelmWorkerPool pool;

    /** Workers whose few harmless variables (PATH, LANG, LC_ALL, TZ) come from this process's environment. */
    public HelmWorkers(HelmLimits limits) {
        this(limits, System.getenv());
    }

    private HelmWorkers(HelmLimits limits, Map<String, String> environment) {
        this.pool = new HelmWorkerPool(Objects.requireNonNull(limits, "limits"), environment);
    }

    /**
     * Workers started as if Berth's environment were {@code environment}: only its harmless
     * variables pass on, whatever else it holds (tests give one with KUBECONFIG and secrets).
     */
    public static HelmWorkers withEnvironment(HelmLimits limits, Map<String, String> environment) {
        return new HelmWorkers(limits, Objects.requireNonNull(environment, "environment"));
    }

    public HelmLimits limits() {
        return pool.limits();
    }

    /** The process ids of the workers running now. */
    public List<Long> workerPids() {
        return pool.workerPids();
    }

    HelmWorkerPool pool() {
        return pool;
    }

    /** Stops every worker and deletes its files. */
    @Override
    public void close() {
        pool.close();
    }
}
