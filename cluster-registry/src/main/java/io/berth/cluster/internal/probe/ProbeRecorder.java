package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterEvent;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.ClusterEventEntity;
import io.berth.cluster.internal.ClusterEventRepository;
import io.berth.cluster.internal.ClusterRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a probe result onto the cluster and records an event when its status changed. */
@Component
public class ProbeRecorder {

    private static final Logger log = LoggerFactory.getLogger(ProbeRecorder.class);

    private final ClusterRepository clusters;
    private final ClusterEventRepository events;

    public ProbeRecorder(ClusterRepository clusters, ClusterEventRepository events) {
        this.clusters = clusters;
        this.events = events;
    }

    /** Returns false when the cluster was deleted while it was being probed. */
    @Transactional
    public boolean record(ClusterEntity probed, ProbeResult result) {
        // Locking the row serialises concurrent probes of one cluster, so each change of status is
        // recorded exactly once.
        ClusterEntity current = clusters.lockById(probed.getId()).orElse(null);
        if (current == null) {
            return false;
        }
        ClusterStatus before = current.getStatus();
        boolean ready = result.status() == ClusterStatus.Ready;
        clusters.recordProbe(current.getId(), result.status(), result.reason(), result.probedAt(),
                ready ? result.probedAt() : current.getLastReadyAt(),
                ready ? result.serverVersion() : current.getServerVersion(),
                ready ? result.nodeCount() : current.getNodeCount());
        if (before != result.status()) {
            events.save(new ClusterEventEntity(probed.getId(), ClusterEvent.STATUS_CHANGED, before, result.status(),
                    result.reason(), result.probedAt()));
            log.info("Cluster {} is now {} (was {}): {}", probed.getName(), result.status(), before, result.reason());
        }
        return true;
    }
}
