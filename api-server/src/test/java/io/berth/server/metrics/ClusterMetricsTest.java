package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.Page;
import io.berth.cluster.ProbeResult;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

/** Each registered cluster's meters: one status at 1, from registration until deletion, and nothing after. */
class ClusterMetricsTest {

    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClusterMetrics metrics = new ClusterMetrics(clusters, registry);

    @Test
    void everyRegisteredClusterHasOneForItsStatusAndZeroForTheOthers() {
        registered(cluster("prod", ClusterStatus.Ready), cluster("edge", ClusterStatus.Unauthorized));

        metrics.refresh();

        assertThat(statuses("prod")).containsOnly(Map.entry("Pending", 0.0), Map.entry("Ready", 1.0),
                Map.entry("Unreachable", 0.0), Map.entry("Unauthorized", 0.0), Map.entry("TLSError", 0.0));
        assertThat(statuses("edge")).containsEntry("Unauthorized", 1.0).containsEntry("Ready", 0.0);
        assertThat(registry.get(ClusterMetrics.APPLY_ERRORS).tag("cluster", "edge").counter().count())
                .as("from 0, so that the first error is an increase").isZero();
    }

    @Test
    void aProbeChangesItsClusterAtOnceAndIsTimed() {
        registered(cluster("prod", ClusterStatus.Ready));
        metrics.refresh();

        metrics.probed("prod", new ProbeResult(ClusterStatus.Unreachable, "refused", null, null, Instant.now()),
                Duration.ofMillis(250));

        assertThat(statuses("prod")).containsEntry("Unreachable", 1.0).containsEntry("Ready", 0.0);
        assertThat(registry.get(ClusterMetrics.PROBE_DURATION).tag("cluster", "prod").tag("status", "Unreachable").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(250);
    }

    @Test
    void aClusterProbedBeforeTheNextRefreshIsShownAtOnce() {
        registered();
        metrics.refresh();

        metrics.probed("new", new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 1, Instant.now()), Duration.ofMillis(5));

        assertThat(statuses("new")).containsEntry("Ready", 1.0).hasSize(5);
    }

    @Test
    void aDeletedClusterLeavesNoSeriesBehind() {
        registered(cluster("prod", ClusterStatus.Ready), cluster("gone", ClusterStatus.Ready));
        metrics.refresh();
        metrics.probed("gone", new ProbeResult(ClusterStatus.Ready, "ok", "v1.31.4", 1, Instant.now()), Duration.ofMillis(5));
        metrics.applyFailed("gone");

        registered(cluster("prod", ClusterStatus.Ready));
        metrics.refresh();

        assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("cluster")).doesNotContain("gone").contains("prod");
    }

    @Test
    void aRegistryThatCannotBeReadLeavesTheMetersAsTheyWere() {
        registered(cluster("prod", ClusterStatus.Ready));
        metrics.refresh();
        when(clusters.list(any())).thenThrow(new QueryTimeoutException("the database is away"));

        metrics.refresh();

        assertThat(statuses("prod")).containsEntry("Ready", 1.0);
    }

    private void registered(Cluster... all) {
        when(clusters.list(any())).thenReturn(new Page<>(List.of(all), null));
    }

    private Map<String, Double> statuses(String cluster) {
        return registry.find(ClusterMetrics.STATUS).tag("cluster", cluster).gauges().stream()
                .collect(Collectors.toMap(g -> g.getId().getTag("status"), g -> g.value()));
    }

    private static Cluster cluster(String name, ClusterStatus status) {
        Instant now = Instant.now();
        return new Cluster(name, null, null, Map.of(), "https://" + name + ":6443", "default", false, false, status, null,
                now, now, "v1.31.4", 1, now, now, "test", 1);
    }
}
