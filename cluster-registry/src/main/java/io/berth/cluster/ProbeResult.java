package io.berth.cluster;

import java.time.Instant;

/**
 * The outcome of one health probe of a cluster.
 *
 * @param serverVersion the version the probe read from the server; null when it did not ask (a routine probe
 *                      within the version refresh) or the server said none: the recorded version then stays
 */
public record ProbeResult(ClusterStatus status, String reason, String serverVersion, Integer nodeCount, Instant probedAt) {
}
