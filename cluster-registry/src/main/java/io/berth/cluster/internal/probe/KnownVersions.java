package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.berth.cluster.internal.ClusterEntity;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * When this replica last read each cluster's server version, so that a routine probe of a cluster that
 * answers does not ask for its version again every interval: a version changes when the cluster is
 * upgraded, a few times a year, and asking was half the requests of an idle registry.
 *
 * <p>A probe may skip the question when the cluster's <em>recorded</em> state (its row, read at the start
 * of the round) is Ready with a version, and this replica read the version less than {@code refresh} ago
 * with the same credentials (new credentials may name another server). The version it then reports is the
 * recorded one, and it is not written again ({@link ProbeRecorder} keeps the column): a version that any
 * replica read since, for example in a probe a user asked for, is never overwritten by an older one.
 * After a restart, or when a cluster comes to another replica, the first probe asks again.
 */
final class KnownVersions {

    private record Asked(int credentialsGeneration, long atNanos) {
    }

    private final Duration refresh;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<UUID, Asked> asked = new ConcurrentHashMap<>();

    KnownVersions(Duration refresh, LongSupplier nanoClock) {
        this.refresh = refresh;
        this.nanoClock = nanoClock;
    }

    /** The cluster's recorded version, when a probe need not ask for it again. */
    Optional<String> reusable(ClusterEntity cluster) {
        Asked last = asked.get(cluster.getId());
        if (last == null || cluster.getStatus() != ClusterStatus.Ready || cluster.getServerVersion() == null
                || last.credentialsGeneration() != cluster.getCredentialsGeneration()
                || nanoClock.getAsLong() - last.atNanos() >= refresh.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(cluster.getServerVersion());
    }

    /**
     * Takes note of a probe: one that read a version starts the refresh period again; a cluster that did
     * not answer is asked again at its next probe.
     */
    void probed(ClusterEntity cluster, ProbeResult result, boolean versionAsked) {
        if (result.status() != ClusterStatus.Ready) {
            asked.remove(cluster.getId());
        } else if (versionAsked && result.serverVersion() != null) {
            asked.put(cluster.getId(), new Asked(cluster.getCredentialsGeneration(), nanoClock.getAsLong()));
        }
    }

    /** Forgets a cluster (deleted). */
    void forget(UUID clusterId) {
        asked.remove(clusterId);
    }
}
