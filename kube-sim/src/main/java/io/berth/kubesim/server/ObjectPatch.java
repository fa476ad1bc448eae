package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PATCH of an object (not of a subresource, not an apply): the patch is applied here to the stored
 * object and the result written back as an update, so that a patch obeys the same rules as a PUT
 * (status kept, generation, defaults, resourceVersion preconditions) and is answered 200 with the
 * object, as on a real server. fabric8's own PATCH answers 202 and knows no strategic merge patch.
 */
final class ObjectPatch {

    private final Store store;
    private final ObjectUpdate update;

    ObjectPatch(Store store, ObjectUpdate update) {
        this.store = store;
        this.update = update;
    }

    MockResponse patch(ApiPath path, RecordedRequest request) {
        PatchType type = PatchType.of(request.getHeader("Content-Type"));
        boolean builtIn = Discovery.isBuiltIn(path.group(), path.resource());
        if (type == null || (type == PatchType.STRATEGIC && !builtIn)) {
            // custom resources have no schema to take merge keys from: a real server refuses them too
            return Responses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: " + PatchType.ACCEPTED);
        }
        Store.Reply current = store.get(path.objectPath());
        if (!current.ok()) {
            return Responses.status(404, "NotFound", path.resource() + " \"" + path.name() + "\" not found");
        }
        JsonNode patched;
        try {
            patched = type.apply((ObjectNode) current.json(), Store.JSON.readTree(Store.text(request.getBody())));
        } catch (JacksonException e) {
            return Responses.status(400, "BadRequest", "the patch is not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            return Responses.status(422, "Invalid", "the patch could not be applied: " + e.getMessage());
        }
        if (!(patched instanceof ObjectNode object)) {
            return Responses.status(422, "Invalid", "the patch did not leave an object");
        }
        return update.replace(path, object);
    }
}
