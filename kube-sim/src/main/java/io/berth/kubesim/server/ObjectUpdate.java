package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way an existing object is replaced, whether by a PUT, a patch or an apply: the API defaults are
 * filled in ({@link ApiDefaults}), then built-in kinds keep their
 * stored status ({@link StatusRules}); custom resources go to fabric8's update, which keeps the status
 * when their CRD declares a status subresource. fabric8's update checks a resourceVersion given in the
 * body (409 when stale) and moves the generation on when more than metadata and status changed.
 */
final class ObjectUpdate {

    private final Store store;
    private final StatusRules statusRules;

    ObjectUpdate(Store store, StatusRules statusRules) {
        this.store = store;
        this.statusRules = statusRules;
    }

    /** A PUT of the object; a body that is not a JSON object is left to fabric8's store to refuse. */
    MockResponse replace(ApiPath path, RecordedRequest request) {
        JsonNode body;
        try {
            body = Store.JSON.readTree(Store.text(request.getBody()));
        } catch (JacksonException e) {
            return store.dispatch(request);
        }
        return body instanceof ObjectNode object ? replace(path, object) : store.dispatch(request);
    }

    MockResponse replace(ApiPath path, ObjectNode incoming) {
        ApiDefaults.apply(path.group(), path.resource(), incoming);
        if (Discovery.isBuiltIn(path.group(), path.resource())) {
            return statusRules.updateObject(path, incoming);
        }
        return store.put(path.objectPath(), incoming).toResponse();
    }
}
