package io.berth.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Berth replicas on one database share the clusters, under {@code berth.replicas}.
 *
 * @param name          the name this replica holds cluster leases under; empty: the host name and a
 *                      random suffix, new at every start (two replicas must never share a name)
 * @param leaseDuration how long a replica holds a cluster without renewing it: a replica that dies has
 *                      its clusters taken over within this time. Leases are renewed three times in it, so
 *                      the database must answer within a third of it; shorter costs more database rounds.
 */
@ConfigurationProperties("berth.replicas")
public record ReplicaSettings(
        @DefaultValue("") String name,
        @DefaultValue("15s") Duration leaseDuration) {
}
