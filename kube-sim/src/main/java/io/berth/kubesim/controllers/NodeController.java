package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Pod;

/** When a node changes (for example it stops being Ready), the pods on it are looked at again. */
public final class NodeController implements Controller {

    private final SimContext context;

    public NodeController(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "nodes";
    }

    @Override
    public void reconcile(ObjectKey key) {
        for (Pod pod : context.client().pods().inAnyNamespace().list().getItems()) {
            if (!key.name().equals(pod.getSpec().getNodeName())) {
                continue;
            }
            context.queue().enqueue(new ObjectKey("pods", pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
        }
    }
}
