package io.berth.cluster;

/**
 * Which clusters to list.
 *
 * @param labelSelector parsed selector, or {@link LabelSelector#EVERYTHING}
 * @param status        only clusters in this status, or null for all
 * @param limit         page size
 * @param afterName     continue after this cluster name (decoded from the cursor), or null to start
 */
public record ClusterQuery(LabelSelector labelSelector, ClusterStatus status, int limit, String afterName) {
}
