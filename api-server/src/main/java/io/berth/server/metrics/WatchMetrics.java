package io.berth.server.metrics;

import io.berth.server.status.StatusTracker;
import io.berth.server.status.WatchObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The status tracker's watches, per watched cluster (one with deployed targets): the objects their
 * caches hold, the kinds watched (one watch connection each), whether they are connected, and how
 * often a lost watch came back, and came back after an outage long enough to list everything again.
 * The set of watched clusters is read every {@code berth.metrics.refresh-interval}; the values are read
 * at each scrape.
 */
@Component
class WatchMetrics implements WatchObserver {

    static final String RECONNECTS = "berth.watch.reconnects";
    static final String RELISTS = "berth.watch.relists";

    private final MeterRegistry registry;
    private final ObjectProvider<StatusTracker> tracker;
    private final MultiGauge objects;
    private final MultiGauge kinds;
    private final MultiGauge connected;
    private volatile Map<String, Integer> kindsByCluster = Map.of();
    private Set<String> watched = Set.of();

    /** The tracker reports to this class, so it is looked up when first needed, not at construction. */
    WatchMetrics(MeterRegistry registry, ObjectProvider<StatusTracker> tracker) {
        this.registry = registry;
        this.tracker = tracker;
        this.objects = MultiGauge.builder("berth.watch.objects")
                .description("Objects held in the watch caches of a cluster (Berth's objects and their pods)").register(registry);
        this.kinds = MultiGauge.builder("berth.watch.kinds")
                .description("Kinds watched on a cluster: one watch connection each").register(registry);
        this.connected = MultiGauge.builder("berth.watch.connected")
                .description("1 while every watch of a cluster is open, 0 while one is lost").register(registry);
    }

    @Override
    public void reconnected(String cluster, boolean relisted) {
        reconnects(cluster).increment();
        if (relisted) {
            relists(cluster).increment();
        }
    }

    /** Reads which clusters are watched, and the kinds watched on each. */
    @Scheduled(fixedDelayString = "${berth.metrics.refresh-interval:15s}")
    public synchronized void refresh() {
        StatusTracker status = tracker.getIfAvailable();
        if (status == null) {
            return;
        }
        Map<String, Integer> read = new java.util.HashMap<>();
        status.watchedKinds().forEach((cluster, kindSet) -> read.put(cluster, kindSet.size()));
        kindsByCluster = Map.copyOf(read);
        if (read.keySet().equals(watched)) {
            return;
        }
        for (String gone : watched) {
            if (!read.containsKey(gone)) {
                registry.find(RECONNECTS).tag("cluster", gone).meters().forEach(registry::remove);
                registry.find(RELISTS).tag("cluster", gone).meters().forEach(registry::remove);
            }
        }
        read.keySet().forEach(cluster -> {
            reconnects(cluster); // registered at 0, so that the first reconnect is seen as an increase
            relists(cluster);
        });
        objects.register(rows(read.keySet(), c -> status.cachedObjects(c)), true);
        kinds.register(rows(read.keySet(), c -> kindsByCluster.getOrDefault(c, 0)), true);
        connected.register(rows(read.keySet(), c -> status.watchConnected(c) ? 1 : 0), true);
        watched = Set.copyOf(read.keySet());
    }

    private static List<MultiGauge.Row<?>> rows(Set<String> clusters, ToDoubleFunction<String> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        clusters.forEach(cluster -> rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster), cluster, value)));
        return rows;
    }

    private Counter reconnects(String cluster) {
        return Counter.builder(RECONNECTS).description("Watches of a cluster that were lost and are open again")
                .tag("cluster", cluster).register(registry);
    }

    private Counter relists(String cluster) {
        return Counter.builder(RELISTS)
                .description("Watches of a cluster back after an outage longer than stale-after, and so listed afresh")
                .tag("cluster", cluster).register(registry);
    }
}
