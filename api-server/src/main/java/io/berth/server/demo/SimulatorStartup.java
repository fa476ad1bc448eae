package io.berth.server.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.DisposableBean;

/**
 * The demo's simulated clusters, started on a thread of their own while Berth starts: loading kube-sim,
 * generating the clusters' certificates and starting their servers takes seconds that would otherwise be
 * added to the start. {@link #await()} waits for them; {@link #destroy()} stops them with Berth.
 */
final class SimulatorStartup implements DisposableBean {

    /** The started simulator and its clusters, in the order asked for. */
    record Started(ClusterSimulator simulator, List<SimulatedCluster> clusters, String loadedFrom, Duration took) {
    }

    private final CompletableFuture<Started> started;

    private SimulatorStartup(CompletableFuture<Started> started) {
        this.started = started;
    }

    static SimulatorStartup begin(Duration readinessDelay, List<String> clusterNames) {
        CompletableFuture<Started> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> start(readinessDelay, clusterNames, started), "demo-simulator-start");
        thread.setDaemon(true);
        thread.start();
        return new SimulatorStartup(started);
    }

    private static void start(Duration readinessDelay, List<String> clusterNames, CompletableFuture<Started> started) {
        long begun = System.nanoTime();
        ClusterSimulator simulator = null;
        try {
            SimulatorLoader.Found found = SimulatorLoader.find();
            simulator = found.factory().start(readinessDelay);
            List<SimulatedCluster> clusters = new ArrayList<>();
            for (String name : clusterNames) {
                clusters.add(simulator.startCluster(name));
            }
            started.complete(new Started(simulator, List.copyOf(clusters), found.from(), Duration.ofNanos(System.nanoTime() - begun)));
        } catch (RuntimeException | LinkageError e) {
            if (simulator != null) {
                simulator.close();
            }
            started.completeExceptionally(e);
        }
    }

    /** Waits until the clusters run. */
    Started await() {
        try {
            return started.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The demo's simulated clusters did not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void destroy() {
        // a start still under way is let finish, so that its servers and threads are stopped too
        started.handle((done, failed) -> done).join();
        if (!started.isCompletedExceptionally()) {
            started.join().simulator().close();
        }
    }
}
