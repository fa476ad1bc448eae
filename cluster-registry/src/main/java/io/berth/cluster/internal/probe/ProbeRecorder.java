package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterEvent;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.ClusterEventEntity;
import io.berth.cluster.internal.ClusterEventRepository;
import java.sql.Timestamp;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a probe result onto the cluster and records an event when its status changed. One statement
 * per probe, however many clusters: it locks the row, writes the result and returns the status before,
 * so that concurrent probes of one cluster (the background round and one asked for) record each change
 * of status exactly once. Loading the entity to lock it and then updating it cost most of an idle
 * Berth's CPU at 200 clusters (docs/benchmarks.md). A probe that did not read the server's version
 * (see {@link KnownVersions}) leaves the recorded one.
 */
@Component
public class ProbeRecorder {

    private static final Logger log = LoggerFactory.getLogger(ProbeRecorder.class);

    private final JdbcClient jdbc;
    private final ClusterEventRepository events;

    public ProbeRecorder(JdbcClient jdbc, ClusterEventRepository events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Returns false when the cluster was deleted while it was being probed. */
    @Transactional
    public boolean record(ClusterEntity probed, ProbeResult result) {
        boolean ready = result.status() == ClusterStatus.Ready;
        Optional<String> before = jdbc.sql("""
                with before as (select id, status from cluster where id = :id for update)
                update cluster c
                set status = :status, status_reason = :reason, last_probe_at = :probedAt,
                    last_ready_at = case when :ready then :probedAt else c.last_ready_at end,
                    server_version = case when :ready then coalesce(cast(:serverVersion as varchar), c.server_version)
                                          else c.server_version end,
                    node_count = case when :ready then cast(:nodeCount as integer) else c.node_count end
                from before where c.id = before.id
                returning before.status""")
                .param("id", probed.getId()).param("status", result.status().name()).param("reason", result.reason())
                .param("probedAt", Timestamp.from(result.probedAt())).param("ready", ready)
                .param("serverVersion", result.serverVersion()).param("nodeCount", result.nodeCount())
                .query(String.class).optional();
        if (before.isEmpty()) {
            return false;
        }
        ClusterStatus was = ClusterStatus.valueOf(before.get());
        if (was != result.status()) {
            events.save(new ClusterEventEntity(probed.getId(), ClusterEvent.STATUS_CHANGED, was, result.status(),
                    result.reason(), result.probedAt()));
            log.info("Cluster {} is now {} (was {}): {}", probed.getName(), result.status(), was, result.reason());
        }
        return true;
    }
}
