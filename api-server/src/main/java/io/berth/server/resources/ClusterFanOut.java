package io.berth.server.resources;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.database.DatabaseFaults;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads targets on their clusters: the clusters in parallel (a shared pool of {@code berth.resources.parallelism}
 * threads), the targets of one cluster one after the other, and each cluster under {@code berth.resources.deadline}
 * counted from when its read starts. A cluster that fails or does not answer in time fails its own targets
 * only, in words of {@link ClusterRegistry#explainFailure} (never the client's message, never credentials);
 * the caller gets every other target. Berth's own failures are not put on a cluster: the database being
 * away fails the request (503), and an error of Berth's own while reading is logged and reported as Berth's.
 */
@Component
class ClusterFanOut implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterFanOut.class);

    /** Reads one target with its cluster's client; cluster failures are thrown as the client throws them. */
    @FunctionalInterface
    interface TargetRead<T> {
        T read(KubernetesClient client, DeployedTarget target);
    }

    /** What became of one target: what was read, or why nothing could be. */
    record Outcome<T>(DeployedTarget target, T value, String error) {
    }

    private final ClusterRegistry clusters;
    private final ResourceSettings settings;
    private final ExecutorService pool;

    ClusterFanOut(ClusterRegistry clusters, ResourceSettings settings) {
        this.clusters = clusters;
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread thread = new Thread(r, "berth-live-read-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads every target; the outcomes come in the order of the targets given. */
    <T> List<Outcome<T>> read(List<DeployedTarget> targets, TargetRead<T> reader) {
        Map<String, List<Integer>> byCluster = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byCluster.computeIfAbsent(targets.get(i).cluster(), c -> new ArrayList<>()).add(i);
        }
        List<Outcome<T>> outcomes = new ArrayList<>(Collections.nCopies(targets.size(), null));
        List<ClusterRead<T>> reads = new ArrayList<>();
        Map<String, String> logContext = MDC.getCopyOfContextMap(); // the request's id goes along into its reads' log lines
        try {
            byCluster.forEach((cluster, positions) -> {
                List<DeployedTarget> itsTargets = positions.stream().map(targets::get).toList();
                start(cluster, positions, itsTargets, reader, logContext, outcomes).ifPresent(reads::add);
            });
            for (ClusterRead<T> read : reads) {
                boolean inTime = awaitDeadline(read);
                Object[] seen = read.close(); // before the interruption below, whose failure must not count as the cluster's
                if (!inTime) {
                    read.future.cancel(true);
                }
                for (int j = 0; j < read.targets.size(); j++) {
                    outcomes.set(read.positions.get(j), outcome(read, j, seen[j]));
                }
            }
        } finally {
            reads.forEach(read -> read.future.cancel(true)); // nothing left running when the request failed half-way
        }
        return outcomes;
    }

    /** Starts reading one cluster's targets; empty (its targets failed in outcomes) when no client can be had for it. */
    private <T> Optional<ClusterRead<T>> start(String cluster, List<Integer> positions, List<DeployedTarget> targets,
                                              TargetRead<T> reader, Map<String, String> logContext, List<Outcome<T>> outcomes) {
        KubernetesClient client;
        try {
            client = clusters.client(cluster);
        } catch (RuntimeException e) {
            if (DatabaseFaults.isDatabaseError(e)) {
                throw e;
            }
            String why = clusters.explainFailure(cluster, e);
            for (int j = 0; j < positions.size(); j++) {
                outcomes.set(positions.get(j), new Outcome<>(targets.get(j), null, why));
            }
            return Optional.empty();
        }
        ClusterRead<T> read = new ClusterRead<>(cluster, positions, targets);
        read.future = pool.submit(() -> read.run(client, reader, logContext));
        return Optional.of(read);
    }

    /**
     * Waits for one cluster's read until its deadline, counted from when it started (or was asked for, if it
     * has not started yet).
     *
     * @return false when the deadline passed first
     */
    private boolean awaitDeadline(ClusterRead<?> read) {
        long deadline = settings.deadline().toNanos();
        while (true) {
            long from = read.startedAt != 0 ? read.startedAt : read.submittedAt;
            long left = from + deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                read.future.get(left, TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // look again: a read that started late has its whole deadline from its start
            } catch (ExecutionException e) {
                return true; // ClusterRead.run records every failure itself; nothing escapes it
            } catch (InterruptedException e) {
                read.future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading cluster " + read.cluster, e);
            }
        }
    }

    /** Words what was seen of one target: its value, the cluster's failure, Berth's own, or no answer in time. */
    private <T> Outcome<T> outcome(ClusterRead<T> read, int index, Object seen) {
        DeployedTarget target = read.targets.get(index);
        if (seen instanceof Read<?> done) {
            @SuppressWarnings("unchecked")
            T value = (T) done.value();
            return new Outcome<>(target, value, null);
        }
        if (seen instanceof KubernetesClientException failure) {
            return new Outcome<>(target, null, clusters.explainFailure(read.cluster, failure));
        }
        if (seen instanceof RuntimeException bug) {
            log.error("Reading namespace {} of cluster {} failed inside Berth", target.namespace(), read.cluster, bug);
            return new Outcome<>(target, null, "Berth could not read this target because of an error of its own (not the "
                    + "cluster's); quote the requestId when you report it");
        }
        if (read.startedAt == 0) {
            return new Outcome<>(target, null, "Not read: Berth was reading too many clusters at once to start on this one within "
                    + deadline() + "; try again");
        }
        return new Outcome<>(target, null, clusters.explainFailure(read.cluster, new TimeoutException())
                + " (gave up after " + deadline() + ")");
    }

    /** The deadline as a person writes it: {@code 5s}, {@code 1500ms}. */
    private String deadline() {
        long millis = settings.deadline().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** A value read, told apart from a failure in the results of a cluster's read. */
    private record Read<T>(T value) {
    }

    /**
     * The read of one cluster's targets. What it saw of each target (a {@link Read} or the exception) is kept
     * until the request closes it; after that, late results (of a read that overran its deadline and was
     * interrupted) are dropped, so an interruption is never reported as the cluster's failure.
     */
    private static final class ClusterRead<T> {

        final String cluster;
        final List<Integer> positions;
        final List<DeployedTarget> targets;
        final long submittedAt = System.nanoTime();
        volatile long startedAt;
        Future<?> future;
        private final Object[] seen;
        private boolean closed;

        ClusterRead(String cluster, List<Integer> positions, List<DeployedTarget> targets) {
            this.cluster = cluster;
            this.positions = positions;
            this.targets = targets;
            this.seen = new Object[targets.size()];
        }

        void run(KubernetesClient client, TargetRead<T> reader, Map<String, String> logContext) {
            startedAt = System.nanoTime();
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                for (int i = 0; i < targets.size() && !Thread.currentThread().isInterrupted(); i++) {
                    Object result;
                    try {
                        result = new Read<>(reader.read(client, targets.get(i)));
                    } catch (RuntimeException e) {
                        result = e;
                    }
                    if (!keep(i, result)) {
                        return;
                    }
                }
            } finally {
                MDC.clear();
            }
        }

        private synchronized boolean keep(int index, Object result) {
            if (!closed) {
                seen[index] = result;
            }
            return !closed;
        }

        synchronized Object[] close() {
            closed = true;
            return seen.clone();
        }
    }
}
