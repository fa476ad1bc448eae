package io.berth.kubesim.controllers;

import io.berth.kubesim.server.ObjectChangeListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Routes object changes to the controllers that handle their resource. */
public final class ControllerSet implements ObjectChangeListener {

    private final Map<String, Controller> byResource = new HashMap<>();
    private final ReconcileQueue queue;

    public ControllerSet(ReconcileQueue queue, List<Controller> controllers) {
        this.queue = queue;
        controllers.forEach(c -> byResource.put(c.resource(), c));
    }

    /** The reconciler for the queue: hands each key to its controller. */
    public void reconcile(ObjectKey key) {
        Controller controller = byResource.get(key.resource());
        if (controller != null) {
            controller.reconcile(key);
        }
    }

    @Override
    public void changed(String group, String resource, String namespace, String name) {
        if (byResource.containsKey(resource)) {
            queue.enqueue(new ObjectKey(resource, namespace, name));
        }
    }

    /** A deleted object's controller owner is told, whether or not the object's own controller knew it. */
    @Override
    public void deleted(String group, String resource, String namespace, String name, JsonNode object) {
        changed(group, resource, namespace, name);
        ObjectKey owner = Owners.ownerKey(object);
        if (owner != null && byResource.containsKey(owner.resource())) {
            queue.enqueue(owner);
        }
    }
}
