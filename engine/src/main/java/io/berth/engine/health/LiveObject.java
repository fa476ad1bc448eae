package io.berth.engine.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the judge needs about one object as it is on a cluster.
 *
 * @param object the object as the cluster returns it, as a tree of maps, lists and values
 * @param pods   for a StatefulSet or Deployment, the pods it selects (each a tree); empty otherwise
 * @param scale  for a custom resource whose CRD declares {@code /scale}, what it says; {@code null} otherwise
 * @param rule   the template's health rule for the object's kind; {@code null} when there is none
 */
public record LiveObject(Map<String, Object> object, List<Map<String, Object>> pods, ReplicaCount scale,
                         CustomHealthRule rule) {

    public LiveObject {
        Objects.requireNonNull(object, "object");
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /** An object judged on its own: no pods, no scale count, no rule. */
    public static LiveObject of(Map<String, Object> object) {
        return new LiveObject(object, List.of(), null, null);
    }
}
