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
 * The server versions that background probes read lately, so that a routine probe of a cluster that
 * answered does not ask for its version again every interval: a cluster's version changes when it is
 * upgraded, a few times a year, and asking was half the requests of an idle registry. A version is taken
 * as known for {@code refresh} after it was read, only while the cluster keeps answering and with the
 * credentials it was read with (new credentials may name another server). What a replica knows is its
 * own: after a restart, or when a cluster comes to another replica, the first probe asks again.
 */
final class KnownVersions {

    private record Known(int credentialsGeneration, String version, long readAtNanos) {
    }

    private final Duration refresh;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<UUID, Known> known = new ConcurrentHashMap<>();

    KnownVersions(Duration refresh, LongSupplier nanoClock) {
        this.refresh = refresh;
        this.nanoClock = nanoClock;
    }

    /** The version read from this cluster lately, if it need not be asked again. */
    Optional<String> of(ClusterEntity cluster) {
        Known seen = known.get(cluster.getId());
        if (seen == null || seen.credentialsGeneration() != cluster.getCredentialsGeneration()
                || nanoClock.getAsLong() - seen.readAtNanos() >= refresh.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(seen.version());
    }

    /**
     * Takes note of a probe's result: a version it read is known from now on; a cluster that did not
     * answer is asked again at its next probe. A result that reused a known version changes nothing.
     */
    void probed(ClusterEntity cluster, ProbeResult result, boolean versionAsked) {
        if (result.status() != ClusterStatus.Ready || result.serverVersion() == null) {
            known.remove(cluster.getId());
        } else if (versionAsked) {
            known.put(cluster.getId(), new Known(cluster.getCredentialsGeneration(), result.serverVersion(), nanoClock.getAsLong()));
        }
    }

    /** Forgets a cluster (deleted). */
    void forget(UUID clusterId) {
        known.remove(clusterId);
    }
}
