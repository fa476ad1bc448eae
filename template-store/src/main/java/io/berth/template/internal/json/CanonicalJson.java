package io.berth.template.internal.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Copies of JSON trees whose object keys are sorted, so that map ordering never shows. */
public final class CanonicalJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanonicalJson() {
    }

    /** A deep copy of {@code node} with the keys of every object in natural (code point) order. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            entries.sort(Map.Entry.comparingByKey());
            ObjectNode copy = NODES.objectNode();
            entries.forEach(e -> copy.set(e.getKey(), sorted(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.values().forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return node.deepCopy();
    }

    /** Converts plain Java values (maps, lists, strings, numbers, booleans) into a key-sorted tree. */
    public static JsonNode sortedTree(Object value) {
        JsonNode tree = Mappers.json().valueToTree(value);
        return sorted(tree == null ? NODES.nullNode() : tree);
    }

    /** Compact JSON text of a key-sorted copy of {@code node}. */
    public static String write(JsonNode node) {
        return Mappers.json().writeValueAsString(sorted(node));
    }
}
