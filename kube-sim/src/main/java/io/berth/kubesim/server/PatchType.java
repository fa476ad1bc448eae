package io.berth.kubesim.server;

import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patch formats a PATCH request may carry, by content type, and how each applies to an object.
 * Server-side apply ({@code application/apply-patch+yaml}) is not among them: {@link ServerSideApply}
 * answers it.
 */
enum PatchType {

    /** RFC 6902: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386: null removes, objects merge, anything else (lists included) replaces. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' own: like a merge patch, but lists with a merge key merge element by element. */
    STRATEGIC("application/strategic-merge-patch+json");

    static final String ACCEPTED = "application/json-patch+json, application/merge-patch+json, "
            + "application/strategic-merge-patch+json, application/apply-patch+yaml";

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    /** The type of a Content-Type header (parameters such as charset ignored), or null when it is none of these. */
    static PatchType of(String header) {
        if (header == null) {
            return null;
        }
        String mediaType = header.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (PatchType type : values()) {
            if (type.contentType.equals(mediaType)) {
                return type;
            }
        }
        return null;
    }

    /** The patched object; the target may be changed in place. Throws when the patch does not apply. */
    JsonNode apply(ObjectNode target, JsonNode patch) {
        return switch (this) {
            case JSON -> JsonPatch.apply(patch, withParentsOf(target, patch));
            case MERGE -> mergePatch(target, patch);
            case STRATEGIC -> StrategicMergePatch.apply(target, patch);
        };
    }

    /** RFC 7386: a patch that is not an object replaces the target whole. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object : Store.JSON.createObjectNode();
        for (var field : patchObject.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                JsonNode current = result.get(field.getKey());
                result.set(field.getKey(), mergePatch(current == null ? Store.JSON.nullNode() : current, field.getValue()));
            }
        }
        return result;
    }

    /**
     * Adds the missing parent objects of every path the operations touch, as fabric8's server does, so
     * that adding {@code /metadata/annotations/x} to an object without annotations works (as clients
     * that compute their patches from a diff expect).
     */
    private static JsonNode withParentsOf(ObjectNode target, JsonNode operations) {
        for (JsonNode operation : operations) {
            String[] parts = operation.path("path").asString("").replaceFirst("^/", "").split("/");
            JsonNode node = target;
            for (int i = 0; i < parts.length - 1; i++) {
                String part = parts[i].replace("~1", "/").replace("~0", "~");
                if (node instanceof ObjectNode object && !object.has(part)) {
                    object.putObject(part);
                }
                node = node.path(part);
            }
        }
        return target;
    }
}
