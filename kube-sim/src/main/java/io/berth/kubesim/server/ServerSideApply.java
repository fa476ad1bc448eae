package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code PATCH application/apply-patch+yaml}: creates the object when absent, otherwise merges the
 * applied fields into it, and records the field manager in {@code metadata.managedFields}.
 *
 * <p>Simplified against a real server (see docs/kube-sim.md): maps merge key by key, lists are
 * replaced whole; fields a manager stops applying are not removed; there are no conflicts between
 * managers, so {@code force} changes nothing; status is never changed by an apply.
 */
final class ServerSideApply {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Store store;
    private final ObjectUpdate update;

    ServerSideApply(Store store, ObjectUpdate update) {
        this.store = store;
        this.update = update;
    }

    static boolean isApply(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return "PATCH".equals(request.getMethod()) && type != null && type.startsWith("application/apply-patch");
    }

    MockResponse apply(ApiPath path, RecordedRequest request) {
        JsonNode applied;
        try {
            applied = YAML.readTree(Store.text(request.getBody()));
        } catch (RuntimeException e) {
            return Responses.status(400, "BadRequest", "the apply body is not valid YAML or JSON");
        }
        if (!(applied instanceof ObjectNode object) || path.name() == null) {
            return Responses.status(400, "BadRequest", "apply needs an object and a name in the path");
        }
        String manager = path.query().get("fieldManager");
        if (manager == null || manager.isBlank()) {
            return Responses.status(422, "Invalid", "fieldManager is required for apply patch");
        }
        object.remove("status");
        ObjectNode metadata = object.withObject("metadata");
        metadata.put("name", path.name());
        if (path.namespace() != null) {
            metadata.put("namespace", path.namespace());
        }
        Store.Reply existing = store.get(path.objectPath());
        if (existing.code() == 404) {
            recordManager(metadata, manager, object.path("apiVersion").asString(""));
            ApiDefaults.apply(path.group(), path.resource(), object);
            Store.Reply created = store.post(path.collectionPath(), object);
            return Responses.json(created.ok() ? 201 : created.code(), created.body());
        }
        ObjectNode merged = (ObjectNode) existing.json();
        merge(merged, object);
        ObjectNode mergedMetadata = merged.withObject("metadata");
        recordManager(mergedMetadata, manager, object.path("apiVersion").asString(""));
        return update.replace(path, merged);
    }

    /** Applied maps merge into the live object key by key; anything else replaces what is there. */
    private static void merge(ObjectNode live, ObjectNode applied) {
        for (Map.Entry<String, JsonNode> field : applied.properties()) {
            JsonNode current = live.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue() instanceof ObjectNode appliedObject) {
                merge(currentObject, appliedObject);
            } else {
                live.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void recordManager(ObjectNode metadata, String manager, String apiVersion) {
        ArrayNode managed = metadata.has("managedFields") && metadata.get("managedFields").isArray()
                ? (ArrayNode) metadata.get("managedFields") : metadata.putArray("managedFields");
        for (int i = managed.size() - 1; i >= 0; i--) {
            if (manager.equals(managed.get(i).path("manager").asString()) && "Apply".equals(managed.get(i).path("operation").asString())) {
                managed.remove(i);
            }
        }
        managed.addObject().put("manager", manager).put("operation", "Apply").put("apiVersion", apiVersion)
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("fieldsType", "FieldsV1");
    }
}
