package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.awaitility.Awaitility.await;

import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ObjectRef;
import io.berth.engine.health.Health;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.berth.server.testsupport.HeldClusters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A replica watches and judges the targets of the clusters it holds, and only those. */
@SimulatedClusters(count = 1)
class StatusTrackerOwnershipTest {

    private final TrackedTargets targets = mock(TrackedTargets.class);
    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final HeldClusters held = new HeldClusters();
    private final StatusTracker tracker = new StatusTracker(targets, clusters, held,
            new StatusSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), 1, false,
                    Duration.ofMinutes(10)), Clock.systemUTC(), WatchObserver.NONE);

    private final TrackedTarget web = new TrackedTarget(UUID.randomUUID(), "web", "sim-1", "shop", 1,
            List.of(new ObjectRef("apps/v1", "StatefulSet", "shop", "web")), Health.Unknown, null, Instant.now(), false,
            List.of(), false);

    @BeforeEach
    void clusterAndTargets(SimulatedCluster cluster) {
        when(clusters.clients(Set.of("sim-1"))).thenReturn(Map.of("sim-1", cluster.outsideClient()));
        when(targets.all()).thenReturn(List.of(web));
        when(targets.changedSince(anyLong())).thenReturn(new TargetChanges(List.of(), List.of()));
    }

    @AfterEach
    void stop() {
        tracker.destroy();
    }

    @Test
    void theTargetsOfAClusterHeldByAnotherReplicaAreFollowedButNotWatchedNorJudged() {
        tracker.refresh();
        tracker.judge(web.key());

        assertThat(tracker.followed()).containsExactly(web.key());
        assertThat(tracker.watchedClusters()).isZero();
        verify(targets, never()).record(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aClusterGainedIsReadAfreshWatchedAndJudgedAndAClusterLostIsLetGo() {
        tracker.refresh();

        held.gain("sim-1");
        tracker.ownershipChanged(Set.of("sim-1"), Set.of());

        verify(targets, times(2)).all(); // what another replica wrote meanwhile is read again
        assertThat(tracker.watchedClusters()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.watchConnected("sim-1"));
        tracker.judge(web.key());
        verify(targets).record(org.mockito.ArgumentMatchers.eq(web), org.mockito.ArgumentMatchers.eq(Health.Missing),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());

        held.lose("sim-1");
        tracker.ownershipChanged(Set.of(), Set.of("sim-1"));

        assertThat(tracker.watchedClusters()).isZero();
    }
}
