package io.berth.cluster;

import java.time.Instant;

/** Something that happened to a cluster, such as a change of status seen by a probe. */
public record ClusterEvent(long id, String type, ClusterStatus fromStatus, ClusterStatus toStatus, String reason, Instant occurredAt) {

    public static final String STATUS_CHANGED = "StatusChanged";
}
