package io.berth.template.internal.params;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deep merge of parameter values: objects merge key by key, anything else in the overlay replaces
 * what was there, and an explicit {@code null} in the overlay removes the key (so a default can be
 * unset).
 */
final class ValueMerge {

    private ValueMerge() {
    }

    /** A new object: {@code base} with {@code overlay} merged over it; neither argument changes. */
    static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode result = base.deepCopy();
        if (overlay != null && overlay.isObject()) {
            mergeInto(result, overlay);
        }
        return result;
    }

    private static void mergeInto(ObjectNode target, JsonNode overlay) {
        for (Map.Entry<String, JsonNode> entry : overlay.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                mergeInto((ObjectNode) existing, value);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }
}
