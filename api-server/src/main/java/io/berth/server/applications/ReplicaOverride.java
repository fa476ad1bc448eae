package io.berth.server.applications;

/**
 * A replica count set through the scale action, kept in every later revision so that an upgrade does
 * not silently undo it.
 *
 * @param workload {@code Kind/name}, e.g. {@code StatefulSet/web}
 * @param cluster  the cluster it applies to, or null for every target
 */
public record ReplicaOverride(String workload, String cluster, int replicas) {
}
