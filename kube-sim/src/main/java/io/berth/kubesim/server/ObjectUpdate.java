package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way an existing object is replaced, whether by a PUT or by a patch: built-in kinds keep their
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

    MockResponse replace(ApiPath path, ObjectNode incoming) {
        if (Discovery.isBuiltIn(path.group(), path.resource())) {
            return statusRules.updateObject(path, incoming);
        }
        return store.put(path.objectPath(), incoming).toResponse();
    }
}
