package io.berth.server.bench.suite;

import io.berth.server.bench.TrackingBench;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The status tracker at fleet size: {@link TrackingBench} (see docs/tracking-benchmark.md for what it
 * does) at 50 clusters × 25 StatefulSets, reduced to the suite's lines: change-to-API latency, database
 * writes per change made and while nothing changes, whether every recorded state ended equal to its
 * cluster, and the heap the watches take per cluster.
 */
public final class TrackingFleetBench implements Bench {

    private static final double TARGET_P99_SECONDS = 2;
    private static final double TARGET_HEAP_MB = 5;

    /** {@code settle}: how long the clusters get to become quiet after the churn before the comparison. */
    record Sizes(int clusters, int applications, int samples, Duration churn, Duration quiet, Duration settle,
                 List<Integer> replicas) {
    }

    /** One Berth, then three on one database: the same fleet followed by one replica and shared by three. */
    static final Sizes FULL = new Sizes(50, 25, 100, Duration.ofSeconds(60), Duration.ofSeconds(65), Duration.ofMinutes(3),
            List.of(1, 3));
    /** Two replicas, so that the smoke run goes through the clusters' leases being shared. */
    static final Sizes SMOKE = new Sizes(2, 2, 3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(15),
            List.of(2));

    @Override
    public String name() {
        return "tracking";
    }

    @Override
    public List<Figure> run(Size size) throws Exception {
        Sizes sizes = size == Size.FULL ? FULL : SMOKE;
        List<Figure> figures = new java.util.ArrayList<>();
        for (int replicas : sizes.replicas()) {
            TrackingBench.Outcome outcome = new TrackingBench(sizes.churn(), sizes.quiet(), sizes.settle(), replicas)
                    .run(sizes.clusters(), sizes.applications(), sizes.samples());
            figures.addAll(figures(sizes, replicas, outcome));
        }
        return figures;
    }

    private List<Figure> figures(Sizes sizes, int replicas, TrackingBench.Outcome outcome) {
        String who = replicas == 1 ? "1 Berth" : replicas + " Berth replicas";
        String scale = "%d clusters × %d StatefulSets, %s".formatted(sizes.clusters(), sizes.applications(), who);
        long missed = outcome.latencies().stream().filter(Objects::isNull).count();
        // a missed change counts as slower than any seen: the percentile cannot hide it
        List<Double> seconds = outcome.latencies().stream().map(n -> n == null ? Double.MAX_VALUE : n / 1e9).toList();
        Stats latency = Stats.of(seconds);
        return List.of(
                new Figure(name(), "change on a cluster → shown by the API (" + scale + ", quiet and under pod churn)",
                        "p50 %s s, p99 %s s, %d samples, %d missed".formatted(Stats.number(latency.median()),
                                latency.p99() == Double.MAX_VALUE ? "missed" : Stats.number(latency.p99()), latency.count(), missed),
                        "", "p99 < 2 s", missed == 0 && latency.p99() < TARGET_P99_SECONDS),
                Figure.context(name(), "database writes (health, drift) per change made during churn, " + who,
                        "%d writes / %d changes = %.2f".formatted(outcome.churnWrites(), outcome.changesMade(),
                                outcome.changesMade() == 0 ? 0.0 : outcome.churnWrites() / (double) outcome.changesMade())),
                new Figure(name(), "database writes while nothing changes (%d s), %s".formatted(sizes.quiet().toSeconds(), who),
                        Long.toString(outcome.quietWrites()), "", "0", outcome.quietWrites() == 0),
                Figure.context(name(), "targets read from the database by the refreshes while nothing changes, " + who,
                        "%d (%d targets tracked)".formatted(outcome.quietTargetsRead(), outcome.targets())),
                new Figure(name(), "targets whose recorded state differs from the cluster after churn, " + who, "%d of %d"
                        .formatted(outcome.mismatches(), outcome.targets()), "", "0", outcome.mismatches() == 0),
                new Figure(name(), "heap held by the watches per tracked cluster, " + who, "%.2f MB".formatted(outcome.heapPerClusterMb()),
                        "", "< 5 MB", outcome.heapPerClusterMb() < TARGET_HEAP_MB));
    }
}
