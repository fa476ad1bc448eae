package io.berth.server.applications;

import java.util.Map;

/**
 * Where an application runs: a namespace of a registered cluster, with values that override the
 * application's common ones there.
 *
 * @param fromSelector true when the target came from the application's cluster selector
 */
public record Target(String cluster, String namespace, Map<String, Object> values, boolean fromSelector) {

    public Target {
        values = values == null ? Map.of() : values;
    }

    /** {@code cluster/namespace}: how problems and logs name the target. */
    public String key() {
        return cluster + "/" + namespace;
    }
}
