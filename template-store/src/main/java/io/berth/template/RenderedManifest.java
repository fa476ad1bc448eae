package io.berth.template;

import java.util.Map;

/**
 * One rendered Kubernetes object.
 *
 * @param sourceIndex index of the document in the template it came from
 * @param apiVersion  e.g. {@code apps/v1}
 * @param kind        e.g. {@code StatefulSet}
 * @param namespace   {@code metadata.namespace}, or {@code null} when the template leaves it to the target
 * @param name        {@code metadata.name}
 * @param object      the whole object, keys in template order (strings, numbers, booleans, maps, lists)
 * @param yaml        the object as YAML, exactly as it appears in {@link RenderedManifests#yaml()}
 */
public record RenderedManifest(int sourceIndex, String apiVersion, String kind, String namespace, String name,
                               Map<String, Object> object, String yaml) {
}
