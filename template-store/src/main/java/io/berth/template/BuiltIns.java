package io.berth.template;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The built-in parameters of one render, available to every template as {@code berth.application},
 * {@code berth.namespace}, {@code berth.cluster} and {@code berth.clusterLabels.<key>}.
 */
public record BuiltIns(String application, String namespace, String cluster, Map<String, String> clusterLabels) {

    public BuiltIns {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cluster, "cluster");
        clusterLabels = clusterLabels == null
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(clusterLabels));
    }
}
