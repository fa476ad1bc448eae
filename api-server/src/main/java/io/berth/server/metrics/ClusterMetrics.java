package io.berth.server.metrics;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterQuery;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.LabelSelector;
import io.berth.cluster.Page;
import io.berth.cluster.ProbeListener;
import io.berth.cluster.ProbeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The meters of each registered cluster: its status (1 for the status it is in, 0 for the others),
 * how long its probes take, and how often applying to it failed. A cluster's meters exist from its
 * registration (the apply error counter at 0, so that its first error is seen as an increase) until its
 * deletion. Statuses follow each probe at once, and the list of clusters is read again every
 * {@code berth.metrics.refresh-interval} (registrations, deletions, probes by other instances).
 */
@Component
public class ClusterMetrics implements ProbeListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterMetrics.class);
    private static final int PAGE = 500;
    static final String STATUS = "berth.cluster.status";
    static final String PROBE_DURATION = "berth.cluster.probe.duration";
    static final String APPLY_ERRORS = "berth.apply.errors";

    private final ClusterRegistry clusters;
    private final MeterRegistry registry;
    private final Map<String, ClusterStatus> statuses = new ConcurrentHashMap<>();
    private final MultiGauge statusGauge;
    private volatile Set<String> registered = Set.of();

    ClusterMetrics(ClusterRegistry clusters, MeterRegistry registry) {
        this.clusters = clusters;
        this.registry = registry;
        this.statusGauge = MultiGauge.builder(STATUS)
                .description("1 for the status each registered cluster is in (by its last probe), 0 for the others")
                .register(registry);
    }

    /** A failed attempt at applying a revision to the cluster (server-side apply or prune). */
    public void applyFailed(String cluster) {
        applyErrors(cluster).increment();
    }

    @Override
    public void probed(String cluster, ProbeResult result, Duration took) {
        Timer.builder(PROBE_DURATION).description("How long probes of a cluster take, by their result")
                .tag("cluster", cluster).tag("status", result.status().name()).register(registry).record(took);
        statuses.put(cluster, result.status());
        if (!registered.contains(cluster)) {
            Set<String> now = new HashSet<>(registered);
            now.add(cluster);
            track(now);
        }
    }

    /** Reads the registered clusters and their statuses again. */
    @Scheduled(fixedDelayString = "${berth.metrics.refresh-interval:15s}")
    public void refresh() {
        Map<String, ClusterStatus> read;
        try {
            read = readAll();
        } catch (RuntimeException e) {
            log.warn("Could not read the clusters for their metrics: {}", e.getClass().getSimpleName());
            return;
        }
        statuses.putAll(read);
        track(read.keySet());
    }

    private synchronized void track(Set<String> clustersNow) {
        if (clustersNow.equals(registered)) {
            return; // the same clusters: their rows read the statuses as they are, nothing to register again
        }
        for (String gone : registered) {
            if (!clustersNow.contains(gone)) {
                statuses.remove(gone);
                registry.find(PROBE_DURATION).tag("cluster", gone).meters().forEach(registry::remove);
                registry.find(APPLY_ERRORS).tag("cluster", gone).meters().forEach(registry::remove);
            }
        }
        clustersNow.forEach(this::applyErrors); // registered at 0
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String cluster : clustersNow) {
            for (ClusterStatus status : ClusterStatus.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster, "status", status.name()), statuses,
                        s -> s.get(cluster) == status ? 1 : 0));
            }
        }
        statusGauge.register(rows, true);
        registered = Set.copyOf(clustersNow);
    }

    private Counter applyErrors(String cluster) {
        return Counter.builder(APPLY_ERRORS).description("Failed attempts at applying a revision to a cluster")
                .tag("cluster", cluster).register(registry);
    }

    private Map<String, ClusterStatus> readAll() {
        Map<String, ClusterStatus> read = new HashMap<>();
        String after = null;
        do {
            Page<Cluster> page = clusters.list(new ClusterQuery(LabelSelector.EVERYTHING, null, PAGE, after));
            page.items().forEach(c -> read.put(c.name(), c.status()));
            after = page.lastKey();
        } while (after != null);
        return read;
    }
}
