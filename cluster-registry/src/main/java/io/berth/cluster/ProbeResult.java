package io.berth.cluster;

import java.time.Instant;

/** The outcome of one health probe of a cluster. */
public record ProbeResult(ClusterStatus status, String reason, String serverVersion, Integer nodeCount, Instant probedAt) {
}
