package io.berth.template.internal.params;

import java.util.Map;

import io.berth.template.internal.json.CanonicalJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values a schema implies by itself: every {@code default} found along {@code properties},
 * nested objects included. A property's own {@code default} wins over the defaults of its
 * sub-properties, which fill in what it leaves out.
 */
final class SchemaDefaults {

    private static final int MAX_DEPTH = 32;

    private SchemaDefaults() {
    }

    static ObjectNode of(SchemaNavigator navigator, JsonNode root) {
        return collect(navigator, root, 0);
    }

    private static ObjectNode collect(SchemaNavigator navigator, JsonNode schema, int depth) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode properties = navigator.resolve(schema).path("properties");
        if (depth > MAX_DEPTH || !properties.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode sub = navigator.resolve(property.getValue());
            ObjectNode nested = collect(navigator, sub, depth + 1);
            JsonNode own = sub.get("default");
            if (own != null) {
                out.set(property.getKey(), own.isObject()
                        ? ValueMerge.merge(nested, own)
                        : CanonicalJson.sorted(own));
            } else if (!nested.isEmpty()) {
                out.set(property.getKey(), nested);
            }
        }
        return out;
    }
}
