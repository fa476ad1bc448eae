package io.berth.engine.health;

/**
 * What a custom resource's {@code /scale} subresource says: the replicas asked for (its spec) and
 * those running (its status). An operator adds members one at a time while its phase may stay
 * {@code Running}: only this count tells a resource that is still growing or shrinking.
 */
public record ReplicaCount(Integer asked, Integer running) {
}
