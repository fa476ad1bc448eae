package io.berth.kubesim.server;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.Objects;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * fabric8's CRUD store, telling the {@link WatchHub} of every change it makes. fabric8 funnels every
 * write (create, update, patch, delete, deletion of a collection, finalizer handling) through
 * {@link #processEvent}, under its write lock, so the changes arrive in resourceVersion order. A removal
 * is given a resourceVersion of its own, as a real server gives the object in a DELETED event.
 */
final class ObservedStore extends KubernetesCrudDispatcher {

    private final WatchHub hub;

    ObservedStore(WatchHub hub) {
        this.hub = hub;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String before = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (!Objects.equals(before, newState)) {
            ApiPath api = ApiPath.parse(path);
            long version = newState == null ? requestResourceVersion() : resourceVersionOf(newState);
            hub.publish(new WatchHub.Change(api.group(), api.resource(), before, newState, version));
        }
    }

    /** metadata.resourceVersion, read by streaming up to it rather than parsing the whole object on every write. */
    static long resourceVersionOf(String json) {
        try (JsonParser parser = Store.JSON.createParser(json)) {
            int depth = 0;
            boolean inMetadata = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    inMetadata = inMetadata && depth >= 2;
                } else if (token == JsonToken.PROPERTY_NAME && depth == 1) {
                    inMetadata = "metadata".equals(parser.currentName());
                } else if (token == JsonToken.PROPERTY_NAME && depth == 2 && inMetadata && "resourceVersion".equals(parser.currentName())) {
                    parser.nextToken();
                    return Long.parseLong(parser.getString());
                }
            }
        }
        return 0;
    }
}
