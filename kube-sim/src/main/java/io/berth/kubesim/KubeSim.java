package io.berth.kubesim;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of simulated clusters in this JVM. They share the controllers' threads and one Vert.x
 * instance for the controllers' clients, which keeps a hundred idle clusters cheap.
 */
public final class KubeSim implements AutoCloseable {

    private final SimulatorSettings settings;
    private final ScheduledExecutorService executor;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient.Factory httpClients = new Vertx5HttpClientFactory(vertx);
    // One JSON mapping (with its caches) for all the controllers' clients.
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final List<SimulatedCluster> clusters = new ArrayList<>();

    public KubeSim(SimulatorSettings settings) {
        this.settings = settings;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "kube-sim-controllers-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static KubeSim withDefaults() {
        return new KubeSim(SimulatorSettings.defaults());
    }

    /** Starts a cluster named {@code sim-<n>}. */
    public synchronized SimulatedCluster startCluster() {
        return startCluster("sim-" + (clusters.size() + 1));
    }

    public synchronized SimulatedCluster startCluster(String name) {
        SimulatedCluster cluster = SimulatedCluster.start(name, settings, executor, httpClients, serialization);
        clusters.add(cluster);
        return cluster;
    }

    public synchronized List<SimulatedCluster> clusters() {
        return List.copyOf(clusters);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        clusters.forEach(SimulatedCluster::close);
        clusters.clear();
        executor.shutdownNow();
        vertx.close();
    }
}
