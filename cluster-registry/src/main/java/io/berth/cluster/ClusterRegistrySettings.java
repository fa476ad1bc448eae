package io.berth.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the registry, under {@code berth.clusters}.
 *
 * @param probeInterval    how often every cluster is probed in the background
 * @param probeTimeout     how long one probe may take before the cluster counts as unreachable
 * @param probeParallelism how many clusters are probed at the same time: a probe mostly waits on the network,
 *                         and a round must fit in the interval even when many clusters time out (a quarter of
 *                         200 clusters silent for a 5 s timeout: 50 x 5 s / 32 = 8 s a round; with 8 threads, 31 s)
 * @param requestTimeout   time-out of ordinary calls to a cluster's API server
 * @param probeScheduler   whether background probing runs at all (tests switch it off)
 * @param versionRefresh   how long a background probe takes a cluster's server version read before as known,
 *                         while the cluster keeps answering: a version changes with an upgrade, and asking for
 *                         it was half of every probe's requests. Probes asked for (registration, new
 *                         credentials, {@code POST .../probe}) always ask
 */
@ConfigurationProperties("berth.clusters")
public record ClusterRegistrySettings(
        @DefaultValue("60s") Duration probeInterval,
        @DefaultValue("5s") Duration probeTimeout,
        @DefaultValue("32") int probeParallelism,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("true") boolean probeScheduler,
        @DefaultValue("10m") Duration versionRefresh) {
}
