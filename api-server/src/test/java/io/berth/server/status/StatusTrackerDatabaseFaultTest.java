package io.berth.server.status;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterRegistry;
import io.berth.engine.health.Health;
import io.berth.server.applications.AppliedObject;
import io.berth.server.applications.ApplicationRenderer;
import io.berth.server.applications.ApplicationStore;
import io.berth.server.applications.ApplicationStore.TrackedTarget;
import io.berth.server.applications.SyncStatus;
import io.berth.server.applications.TargetState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Berth's own database failing during a status round says nothing about a cluster: no target turns Stale. */
class StatusTrackerDatabaseFaultTest {

    private final ApplicationStore applications = mock(ApplicationStore.class);
    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final StatusTracker tracker = new StatusTracker(applications, mock(ApplicationRenderer.class), clusters,
            new StatusSettings(Duration.ofSeconds(15), 1, false), Clock.systemUTC());

    @Test
    void aDatabaseFaultDuringARoundLeavesTheTargetsHealthAlone() {
        UUID app = UUID.randomUUID();
        TargetState state = new TargetState("sim-1", "shop", 1, SyncStatus.Synced, null, Instant.now(),
                List.of(new AppliedObject("apps/v1", "StatefulSet", "shop", "web")), Health.Healthy, null, Instant.now());
        when(applications.trackedTargets()).thenReturn(List.of(new TrackedTarget(app, "web", 1, state)));
        when(clusters.client("sim-1")).thenReturn(mock(KubernetesClient.class));
        when(applications.revision(app, 1)).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        tracker.round();

        verify(applications, never()).updateHealth(any(), anyString(), anyString(), eq(Health.Stale), any(), any());
        verify(clusters, never()).explainFailure(anyString(), any());
        tracker.destroy();
    }
}
