package io.berth.server.applications;

/**
 * A scalable object of a rendered revision.
 *
 * @param key          {@code Kind/name}, how the API names it (e.g. {@code StatefulSet/web})
 * @param replicasPath where the replica count lives in the object (e.g. {@code spec.replicas}, {@code spec.size})
 * @param objectIndex  its position among the rendered objects of a target
 */
public record Workload(String key, String apiVersion, String kind, String name, String replicasPath, int objectIndex) {
}
