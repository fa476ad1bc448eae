package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterOwnership;
import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.ClusterRepository;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-probes every registered cluster on a fixed interval. At most {@code probeParallelism} probes
 * run at once, each bounded by the probe time-out; a cluster whose previous probe is still running is
 * skipped this round, so one slow cluster never holds up the others. Only the clusters this replica
 * holds are probed ({@link ClusterOwnership}): with several replicas, each cluster is probed once a round.
 */
@Component
@ConditionalOnProperty(prefix = "berth.clusters", name = "probe-scheduler", havingValue = "true", matchIfMissing = true)
public class ScheduledProber implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledProber.class);

    private final ClusterRepository clusters;
    private final ProbeService probes;
    private final ClusterOwnership ownership;
    private final ExecutorService workers;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    public ScheduledProber(ClusterRepository clusters, ProbeService probes, ClusterOwnership ownership,
                           ClusterRegistrySettings settings) {
        this.clusters = clusters;
        this.probes = probes;
        this.ownership = ownership;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.probeParallelism()), runnable -> {
            Thread thread = new Thread(runnable, "cluster-prober-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(initialDelayString = "${berth.clusters.probe-interval:60s}", fixedDelayString = "${berth.clusters.probe-interval:60s}")
    public void probeAll() {
        for (ClusterEntity cluster : clusters.findAll()) {
            if (ownership.owns(cluster.getName()) && inFlight.add(cluster.getId())) {
                workers.submit(() -> probeOne(cluster));
            }
        }
    }

    private void probeOne(ClusterEntity cluster) {
        try {
            probes.probeRoutinely(cluster);
        } catch (RuntimeException e) {
            log.warn("Background probe of cluster {} failed: {}", cluster.getName(), e.getClass().getSimpleName());
        } finally {
            inFlight.remove(cluster.getId());
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
