package io.berth.template.internal.params;

import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Finds the subschema of a dotted parameter name by following {@code properties}, then
 * {@code additionalProperties}, resolving local {@code $ref}s ({@code #/...}). Composition keywords
 * ({@code allOf}, {@code anyOf}, {@code oneOf}) are not followed: a parameter is declared when a
 * path of {@code properties} leads to it.
 */
final class SchemaNavigator {

    private static final int MAX_REF_HOPS = 32;

    private final JsonNode root;

    SchemaNavigator(JsonNode root) {
        this.root = root;
    }

    Optional<JsonNode> find(String dotted) {
        JsonNode current = resolve(root);
        for (String segment : dotted.split("\\.", -1)) {
            if (current.isBoolean()) {
                return current.booleanValue() ? Optional.of(current) : Optional.empty();
            }
            JsonNode next = current.path("properties").get(segment);
            if (next == null) {
                JsonNode additional = current.get("additionalProperties");
                boolean open = additional != null && (additional.isObject() || (additional.isBoolean() && additional.booleanValue()));
                next = open ? additional : null;
            }
            if (next == null) {
                return Optional.empty();
            }
            current = resolve(next);
        }
        return Optional.of(current);
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hop = 0; hop < MAX_REF_HOPS && current.path("$ref").isString(); hop++) {
            String ref = current.get("$ref").stringValue();
            if (!ref.startsWith("#")) {
                return current;
            }
            JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }

    static boolean allowsType(JsonNode schema, String type) {
        JsonNode declared = schema.path("type");
        if (declared.isString()) {
            return declared.stringValue().equals(type);
        }
        for (JsonNode t : declared.values()) {
            if (t.isString() && t.stringValue().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
