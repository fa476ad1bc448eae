package io.berth.kubesim.server;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.Objects;

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
            long version = newState == null ? requestResourceVersion()
                    : Long.parseLong(Store.JSON.readTree(newState).path("metadata").path("resourceVersion").asString("0"));
            hub.publish(new WatchHub.Change(api.group(), api.resource(), before, newState, version));
        }
    }
}
