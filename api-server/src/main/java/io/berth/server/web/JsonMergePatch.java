package io.berth.server.web;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch, RFC 7386 (and its successor RFC 7396, the same algorithm), over Jackson trees.
 *
 * <p>An object in the patch merges into the target key by key, at every depth: a key left out stays,
 * a key whose value is {@code null} is removed, any other value is merged in turn. Anything that is
 * not an object (a string, a number, an array) replaces the target's value whole, so arrays are never
 * merged element by element. A patch object applied to a target that is not an object starts from
 * an empty object.
 *
 * <p>Jackson has nothing like it: {@code ObjectReader.readerForUpdating} sets a property to null
 * instead of removing it and merges into lists, both against the RFC. Pure and thread-safe; the
 * arguments are never changed.
 */
public final class JsonMergePatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMergePatch() {
    }

    /**
     * The target with the patch applied.
     *
     * @param target the document patched; {@code null} (absent) counts as no value
     * @param patch  the merge patch; a JSON {@code null} patch removes the whole target (returns a null node)
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return patch == null ? NODES.nullNode() : patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, apply(result.get(name), value));
            }
        }
        return result;
    }
}
