package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Berth's own database failing while the tracker works says nothing about a cluster: no target turns
 * Stale, nothing is recorded, and the tracker carries on.
 */
@SimulatedClusters(count = 1)
class StatusTrackerDatabaseFaultTest {

    private final TrackedTargets targets = mock(TrackedTargets.class);
    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final StatusTracker tracker = new StatusTracker(targets, clusters, new HeldClusters("sim-1"),
            new StatusSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(1), 1, false, Duration.ofMinutes(10)), Clock.systemUTC(),
            WatchObserver.NONE);

    private final UUID app = UUID.randomUUID();
    private final TrackedTarget web = new TrackedTarget(app, "web", "sim-1", "shop", 1,
            List.of(new ObjectRef("apps/v1", "StatefulSet", "shop", "web")), Health.Healthy, null, Instant.now(), true,
            List.of(), false);

    @AfterEach
    void stop() {
        tracker.destroy();
    }

    @Test
    void aDatabaseFaultWhileJudgingLeavesTheTargetsHealthAlone(SimulatedCluster cluster) {
        when(clusters.clients(Set.of("sim-1"))).thenReturn(Map.of("sim-1", cluster.outsideClient()));
        when(targets.all()).thenReturn(List.of(web));
        when(targets.rules(app, 1)).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        tracker.refresh();

        // judged once the cluster is watched: the rules cannot be read, so nothing can be judged
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            tracker.judge(web.key());
            verify(targets, atLeastOnce()).rules(app, 1);
        });
        tracker.check();

        verify(targets, never()).record(any(), any(), any(), any());
        assertThat(tracker.healthWrites()).isZero();
    }

    @Test
    void aDatabaseFaultWhileReadingTheTargetsChangesNothing() {
        when(targets.all()).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        assertThatCode(tracker::refresh).doesNotThrowAnyException();
        tracker.check();

        verify(targets, never()).record(any(), any(), any(), any());
        assertThat(tracker.watchedClusters()).isZero();
    }
}
