package io.berth.engine.tree;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Lists the core/v1 Events of a target's namespace that are about its objects, their pods or their claims
 * (as read into a tree by {@link ResourceTreeReader}), newest first. The namespace's events are listed
 * once and matched here by kind, name and uid: an involvedObject field selector would cost one call per
 * object. Events of cluster-scoped objects live in another namespace and are not looked for. Stateless;
 * failed calls are thrown.
 */
public final class EventReader {

    public List<EventNode> read(KubernetesClient client, String namespace, List<ObjectNode> tree) {
        if (tree.isEmpty()) {
            return List.of(); // nothing applied there yet: no event can be about it
        }
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
        return EventNodes.about(events, InvolvedObject.of(tree));
    }
}
