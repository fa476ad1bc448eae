package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.Stamp;
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

/**
 * Drift is judged from the watches' caches, which may lag behind the cluster: right after Berth's own
 * change (here a scale to 1 replica) the cache can still hold the object as it was. Such a cache must not
 * make Berth record a drift that the cluster does not have.
 */
@SimulatedClusters(count = 1)
class StatusTrackerDriftTest {

    private static final ObjectRef WEB = new ObjectRef("apps/v1", "StatefulSet", "shop", "web");

    private final TrackedTargets targets = mock(TrackedTargets.class);
    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final StatusTracker tracker = new StatusTracker(targets, clusters, new HeldClusters("sim-1"),
            new StatusSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), 1, false,
                    Duration.ofMinutes(10)), Clock.systemUTC(), WatchObserver.NONE);

    private final TrackedTarget web = new TrackedTarget(UUID.randomUUID(), "web", "sim-1", "shop", 2, List.of(WEB),
            Health.Healthy, null, Instant.now(), true, List.of(), false);
    private SimulatedCluster cluster;

    @BeforeEach
    void aStatefulSetOfTwoWatched(SimulatedCluster cluster) {
        this.cluster = cluster;
        new ManifestApplier(Duration.ofSeconds(10)).apply(cluster.outsideClient(), "shop", true, List.of(statefulSet(2)),
                new Stamp("web", 1, "nginx-web", "1.0.0", "sha256:" + "0".repeat(64)));
        when(clusters.clients(Set.of("sim-1"))).thenReturn(Map.of("sim-1", cluster.outsideClient()));
        when(targets.all()).thenReturn(List.of(web));
        when(targets.changedSince(anyLong())).thenReturn(new TargetChanges(List.of(), List.of()));
        // revision 2: the same StatefulSet scaled to 1
        when(targets.desired(any())).thenReturn(List.of(new DesiredObject(WEB, Map.of("apiVersion", "apps/v1",
                "kind", "StatefulSet", "metadata", Map.of("name", "web", "namespace", "shop"), "spec", Map.of("replicas", 1)))));
        tracker.refresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.watchConnected("sim-1"));
    }

    @AfterEach
    void stop() {
        cluster.faults().watchEventsHeld(false);
        tracker.destroy();
    }

    @Test
    void aCacheThatHasNotSeenBerthsOwnScaleYetIsNoDrift() {
        cluster.faults().watchEventsHeld(true);
        cluster.outsideClient().apps().statefulSets().inNamespace("shop").withName("web").scale(1);

        tracker.judge(web.key());

        verify(targets, never()).recordDrift(eq(web), argThat(drift -> !drift.isEmpty()), any());
    }

    @Test
    void aDriftTheClusterHasIsRecorded() {
        cluster.outsideClient().apps().statefulSets().inNamespace("shop").withName("web").scale(3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            tracker.judge(web.key());
            verify(targets).recordDrift(eq(web), argThat(drift -> drift.size() == 1
                    && drift.get(0).describe().contains("spec.replicas")), any());
        });
    }

    private static Map<String, Object> statefulSet(int replicas) {
        return Map.of("apiVersion", "apps/v1", "kind", "StatefulSet",
                "metadata", Map.of("name", "web", "namespace", "shop"),
                "spec", Map.of("replicas", replicas, "serviceName", "nginx",
                        "selector", Map.of("matchLabels", Map.of("app", "nginx")),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", "nginx")),
                                "spec", Map.of("containers", List.of(Map.of("name", "nginx", "image", "nginx:1.27"))))));
    }
}
