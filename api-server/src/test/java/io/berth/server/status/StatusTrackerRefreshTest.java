package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.testsupport.HeldClusters;
import io.berth.engine.ObjectRef;
import io.berth.engine.health.Health;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
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
import org.mockito.InOrder;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A refresh reads what changed since the one before, not every target of the fleet. */
@SimulatedClusters(count = 1)
class StatusTrackerRefreshTest {

    private static final TargetChanges NOTHING = new TargetChanges(List.of(), List.of());

    private final TrackedTargets targets = mock(TrackedTargets.class);
    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private StatusTracker tracker = tracker(Duration.ofMinutes(10));

    private final TrackedTarget web = target("web", "shop");
    private final TrackedTarget db = target("db", "data");

    @BeforeEach
    void clusterAndTargets(SimulatedCluster cluster) {
        when(clusters.clients(Set.of("sim-1"))).thenReturn(Map.of("sim-1", cluster.outsideClient()));
        when(targets.all()).thenReturn(List.of(web));
        when(targets.changeMark()).thenReturn(41L, 42L, 43L, 44L);
        when(targets.changedSince(anyLong())).thenReturn(NOTHING);
    }

    @AfterEach
    void stop() {
        tracker.destroy();
    }

    @Test
    void refreshesAfterTheFirstDoNotReadEveryTargetAgain() {
        tracker.refresh();
        tracker.refresh();
        tracker.refresh();

        verify(targets, times(1)).all();
        assertThat(tracker.followed()).containsExactly(web.key());
    }

    @Test
    void eachRefreshAsksForTheChangesSinceTheMarkTakenBeforeTheReadBefore() {
        tracker.refresh();
        tracker.refresh();
        tracker.refresh();

        InOrder order = inOrder(targets);
        order.verify(targets).changeMark();
        order.verify(targets).all();
        order.verify(targets).changeMark();
        order.verify(targets).changedSince(41L);
        order.verify(targets).changeMark();
        order.verify(targets).changedSince(42L);
    }

    @Test
    void aRefreshThatReadsNoChangeLeavesTheIndexAsItIs() {
        tracker.refresh();
        Set<TargetKey> before = tracker.followed();

        tracker.refresh();

        assertThat(tracker.followed()).as("the same index, not a copy rebuilt target by target").isSameAs(before);
        verify(clusters, times(2)).clients(Set.of("sim-1")); // the watches are still synced: credentials may change
    }

    @Test
    void aChangedTargetIsFollowedAndATargetLetGoIsNoLonger() {
        tracker.refresh();
        when(targets.changedSince(41L)).thenReturn(new TargetChanges(List.of(db), List.of(TargetChanges.Unfollowed.of(web))));

        tracker.refresh();

        assertThat(tracker.followed()).containsExactly(db.key());
    }

    @Test
    void aReadThatFailsLeavesTheMarkWhereItWas() {
        tracker.refresh();
        when(targets.changedSince(41L)).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))
                .thenReturn(new TargetChanges(List.of(db), List.of()));

        tracker.refresh();
        tracker.refresh();

        verify(targets, times(2)).changedSince(41L);
        assertThat(tracker.followed()).containsExactlyInAnyOrder(web.key(), db.key());
    }

    @Test
    void everyTargetIsReadAgainOnceTheFullRefreshIntervalHasPassed() {
        tracker.destroy();
        tracker = tracker(Duration.ZERO);

        tracker.refresh();
        tracker.refresh();

        verify(targets, times(2)).all();
    }

    private StatusTracker tracker(Duration fullRefreshInterval) {
        return new StatusTracker(targets, clusters, new HeldClusters("sim-1"), new StatusSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10),
                1, false, fullRefreshInterval), Clock.systemUTC(), WatchObserver.NONE);
    }

    private static TrackedTarget target(String application, String namespace) {
        return new TrackedTarget(UUID.randomUUID(), application, "sim-1", namespace, 1,
                List.of(new ObjectRef("apps/v1", "StatefulSet", namespace, "web")), Health.Healthy, null, Instant.now(), true,
                List.of(), false);
    }
}
