package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.ClusterRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ScheduledProberTest {

    private static final long WAIT_SECONDS = 5;
    private static final ProbeResult READY = new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 3, Instant.now());

    private final ClusterRepository clusters = mock(ClusterRepository.class);
    private final ProbeService probes = mock(ProbeService.class);

    private final ClusterEntity fastA = new ClusterEntity("fast-a", "test", Instant.now());
    private final ClusterEntity slow = new ClusterEntity("slow", "test", Instant.now());
    private final ClusterEntity fastB = new ClusterEntity("fast-b", "test", Instant.now());
    private final ClusterEntity elsewhere = new ClusterEntity("elsewhere", "test", Instant.now());
    /** This replica holds every cluster of these tests but "elsewhere". */
    private final HeldClusters held = new HeldClusters("fast-a", "slow", "fast-b");

    /** Probes started, by cluster name. */
    private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    /** Probes finished (returned or thrown), by cluster name. */
    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    private final List<CountDownLatch> gates = new ArrayList<>();
    private ScheduledProber prober;

    @AfterEach
    void releaseAndStop() {
        gates.forEach(CountDownLatch::countDown);
        if (prober != null) {
            prober.destroy();
        }
    }

    private static ClusterRegistrySettings parallelism(int workers) {
        return new ClusterRegistrySettings(Duration.ofSeconds(60), Duration.ofSeconds(5), workers, Duration.ofSeconds(30), true, Duration.ofMinutes(10));
    }

    private CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    private int startedCount(ClusterEntity cluster) {
        return started.getOrDefault(cluster.getName(), new AtomicInteger()).get();
    }

    private int finishedCount(ClusterEntity cluster) {
        return finished.getOrDefault(cluster.getName(), new AtomicInteger()).get();
    }

    /**
     * Every probe is counted; a cluster with a gate blocks until the gate opens. Each start counts
     * {@code anyStarted} down and each finish counts {@code anyFinished} down (either may be null).
     */
    private void probesBlockOn(Map<ClusterEntity, CountDownLatch> blockers, CountDownLatch anyStarted,
                               CountDownLatch anyFinished) {
        when(probes.probeRoutinely(any())).thenAnswer(invocation -> {
            ClusterEntity cluster = invocation.getArgument(0);
            started.computeIfAbsent(cluster.getName(), k -> new AtomicInteger()).incrementAndGet();
            int now = running.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            try {
                if (anyStarted != null) {
                    anyStarted.countDown();
                }
                CountDownLatch gate = blockers.get(cluster);
                if (gate != null && !gate.await(WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate of " + cluster.getName() + " never opened");
                }
                return READY;
            } finally {
                running.decrementAndGet();
                finished.computeIfAbsent(cluster.getName(), k -> new AtomicInteger()).incrementAndGet();
                if (anyFinished != null) {
                    anyFinished.countDown();
                }
            }
        });
    }

    /** Runs rounds until the condition holds: a round skips clusters whose probe is still being wound up. */
    private void roundsUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Within " + WAIT_SECONDS + " s: " + what + "; started " + started + ", finished " + finished);
            }
            prober.probeAll();
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("Within " + WAIT_SECONDS + " s: " + what);
        }
    }

    @Test
    void fastClustersAreProbedWhileASlowOneHoldsAWorker() throws InterruptedException {
        CountDownLatch slowGate = gate();
        CountDownLatch allStarted = new CountDownLatch(3);
        CountDownLatch twoFinished = new CountDownLatch(2);
        probesBlockOn(Map.of(slow, slowGate), allStarted, twoFinished);
        when(clusters.findAll()).thenReturn(List.of(slow, fastA, fastB));
        prober = new ScheduledProber(clusters, probes, held, parallelism(2));

        prober.probeAll();

        assertThat(allStarted.await(2, TimeUnit.SECONDS)).as("all three probes started within 2 s").isTrue();
        assertThat(twoFinished.await(2, TimeUnit.SECONDS)).as("two probes finished within 2 s").isTrue();
        assertThat(finishedCount(fastA)).isEqualTo(1);
        assertThat(finishedCount(fastB)).isEqualTo(1);
        assertThat(startedCount(slow)).isEqualTo(1);
        assertThat(finishedCount(slow)).as("slow probe still blocked").isZero();
        assertThat(slowGate.getCount()).isEqualTo(1);
    }

    @Test
    void aClusterWhoseProbeIsStillRunningIsSkippedWhileTheOthersAreProbedAgain() throws InterruptedException {
        CountDownLatch slowGate = gate();
        probesBlockOn(Map.of(slow, slowGate), null, null);
        when(clusters.findAll()).thenReturn(List.of(fastA, slow, fastB));
        prober = new ScheduledProber(clusters, probes, held, parallelism(2));

        prober.probeAll();
        roundsUntil(() -> startedCount(slow) == 1 && finishedCount(fastA) >= 3 && finishedCount(fastB) >= 3,
                "slow cluster probing and fast clusters probed in three rounds");

        assertThat(startedCount(slow)).isEqualTo(1);
        assertThat(finishedCount(slow)).isZero();
        verify(probes, times(1)).probeRoutinely(slow);
    }

    @Test
    void aClusterIsProbedAgainOnceItsSlowProbeHasFinished() throws InterruptedException {
        CountDownLatch slowGate = gate();
        CountDownLatch anyStarted = new CountDownLatch(3);
        probesBlockOn(Map.of(slow, slowGate), anyStarted, null);
        when(clusters.findAll()).thenReturn(List.of(fastA, slow, fastB));
        prober = new ScheduledProber(clusters, probes, held, parallelism(2));

        prober.probeAll();
        await(anyStarted, "all three clusters probed once");

        slowGate.countDown();
        roundsUntil(() -> startedCount(slow) >= 2, "slow cluster probed again after its probe finished");

        verify(probes, times(2)).probeRoutinely(slow);
    }

    @Test
    void noMoreThanTheConfiguredNumberOfProbesRunAtOnce() throws InterruptedException {
        assertProbesRunAtMostAtOnce(parallelism(2), 2);
    }

    @Test
    void parallelismBelowOneStillProbesEveryClusterOneAtATime() throws InterruptedException {
        assertProbesRunAtMostAtOnce(parallelism(0), 1);
    }

    /** Three blocking probes: only {@code workers} start until the gate opens, then the rest follow. */
    private void assertProbesRunAtMostAtOnce(ClusterRegistrySettings settings, int workers) throws InterruptedException {
        CountDownLatch gate = gate();
        CountDownLatch workersStarted = new CountDownLatch(workers);
        CountDownLatch oneMoreStarted = new CountDownLatch(workers + 1);
        CountDownLatch allFinished = new CountDownLatch(3);
        when(probes.probeRoutinely(any())).thenAnswer(invocation -> {
            int now = running.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            workersStarted.countDown();
            oneMoreStarted.countDown();
            try {
                if (!gate.await(WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
                return READY;
            } finally {
                running.decrementAndGet();
                allFinished.countDown();
            }
        });
        when(clusters.findAll()).thenReturn(List.of(fastA, slow, fastB));
        prober = new ScheduledProber(clusters, probes, held, settings);

        prober.probeAll();
        await(workersStarted, workers + " probe(s) started");
        assertThat(oneMoreStarted.await(300, TimeUnit.MILLISECONDS))
                .as("another probe started while all %d worker(s) were busy", workers).isFalse();

        gate.countDown();
        await(allFinished, "every cluster probed once a worker was free");
        assertThat(mostRunning.get()).isEqualTo(workers);
        verify(probes, times(3)).probeRoutinely(any());
    }

    @Test
    void aProbeThatThrowsDoesNotStopLaterRoundsFromProbingThatCluster() throws InterruptedException {
        AtomicInteger fastACalls = new AtomicInteger();
        when(probes.probeRoutinely(any())).thenAnswer(invocation -> {
            ClusterEntity cluster = invocation.getArgument(0);
            started.computeIfAbsent(cluster.getName(), k -> new AtomicInteger()).incrementAndGet();
            if (cluster == fastA && fastACalls.incrementAndGet() == 1) {
                throw new IllegalStateException("database gone");
            }
            return READY;
        });
        when(clusters.findAll()).thenReturn(List.of(fastA, fastB));
        prober = new ScheduledProber(clusters, probes, held, parallelism(1));

        prober.probeAll();
        roundsUntil(() -> startedCount(fastA) >= 2, "cluster probed again after its probe threw");

        assertThat(startedCount(fastB)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aProbeThatAlwaysThrowsDoesNotStopTheOtherClustersFromBeingProbed() throws InterruptedException {
        when(probes.probeRoutinely(any())).thenAnswer(invocation -> {
            ClusterEntity cluster = invocation.getArgument(0);
            started.computeIfAbsent(cluster.getName(), k -> new AtomicInteger()).incrementAndGet();
            if (cluster == fastA) {
                throw new IllegalStateException("always");
            }
            return READY;
        });
        when(clusters.findAll()).thenReturn(List.of(fastA, fastB));
        prober = new ScheduledProber(clusters, probes, held, parallelism(1));

        prober.probeAll();
        roundsUntil(() -> startedCount(fastA) >= 3 && startedCount(fastB) >= 3, "both clusters probed in three rounds");
    }

    @Test
    void aClusterHeldByAnotherReplicaIsNotProbedHere() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        when(probes.probeRoutinely(any())).thenAnswer(invocation -> {
            ClusterEntity cluster = invocation.getArgument(0);
            started.computeIfAbsent(cluster.getName(), k -> new AtomicInteger()).incrementAndGet();
            held.countDown();
            return READY;
        });
        when(clusters.findAll()).thenReturn(List.of(elsewhere, fastA));
        prober = new ScheduledProber(clusters, probes, this.held, parallelism(1));

        prober.probeAll();
        assertThat(held.await(2, TimeUnit.SECONDS)).as("the cluster held here was probed").isTrue();
        prober.probeAll();
        roundsUntil(() -> startedCount(fastA) >= 2, "the cluster held here probed again");

        assertThat(startedCount(elsewhere)).as("probes of a cluster another replica holds").isZero();
    }
}
