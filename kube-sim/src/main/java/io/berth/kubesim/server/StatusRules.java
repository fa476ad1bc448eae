package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Status and generation as a real server keeps them for built-in kinds: an update of the object never
 * changes its status, an update of {@code /status} changes nothing but the status, and
 * {@code metadata.generation} moves on only when the spec changes.
 */
final class StatusRules {

    private final Store store;

    StatusRules(Store store) {
        this.store = store;
    }

    /**
     * A new version of a built-in object (a PUT's body, a patch's or an apply's result): written with the
     * stored status, and the generation moved on when the spec changed.
     */
    MockResponse updateObject(ApiPath path, ObjectNode incoming) {
        Store.Reply current = store.get(path.objectPath());
        if (!current.ok()) {
            return Responses.status(404, "NotFound", path.resource() + " \"" + path.name() + "\" not found");
        }
        JsonNode stored = current.json();
        if (stored.has("status")) {
            incoming.set("status", stored.get("status"));
        } else {
            incoming.remove("status");
        }
        long generation = stored.path("metadata").path("generation").asLong(1);
        boolean specChanged = !Objects.equals(stored.get("spec"), incoming.get("spec"));
        incoming.withObject("metadata").put("generation", specChanged ? generation + 1 : generation);
        return store.put(path.objectPath(), incoming).toResponse();
    }

    /** PUT or PATCH of {@code /status}: only the status of the stored object changes. */
    MockResponse updateStatus(ApiPath path, RecordedRequest request) {
        Store.Reply current = store.get(path.objectPath());
        if (!current.ok()) {
            return current.toResponse();
        }
        ObjectNode stored = (ObjectNode) current.json();
        JsonNode body = Store.JSON.readTree(Store.text(request.getBody()));
        JsonNode written = body;
        if (request.getMethod().equals("PATCH")) {
            PatchType type = PatchType.of(request.getHeader("Content-Type"));
            if (type == null) {
                return Responses.status(415, "UnsupportedMediaType", "accepted media types include: " + PatchType.ACCEPTED);
            }
            // apply the patch to the whole object, then keep only the status it produced
            written = type.apply(stored.deepCopy(), body);
        }
        JsonNode status = written.path("status");
        stored.set("status", status.isMissingNode() ? Store.JSON.createObjectNode() : status);
        String expected = written.path("metadata").path("resourceVersion").asString("");
        if (!expected.isEmpty() && !expected.equals(stored.path("metadata").path("resourceVersion").asString())) {
            return Responses.status(409, "Conflict", "the object has been modified; please apply your changes to the latest version");
        }
        // Written through the store's own /status path: for a custom resource whose CRD declares a status
        // subresource, a write of the object itself keeps the stored status, as on a real server.
        return store.put(path.objectPath() + "/status", stored).toResponse();
    }
}
