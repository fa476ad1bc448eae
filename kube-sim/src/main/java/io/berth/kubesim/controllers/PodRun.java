package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;

/**
 * What the simulated kubelet remembers of one pod (by uid) while it exists: where it runs, when it
 * came and when its containers started. Pod status is computed from it, so that timestamps stay put
 * from one reconcile to the next.
 */
final class PodRun {

    /** Where the pod is in its life. */
    enum Stage {
        /** On its node, images being pulled and containers created: Pending, ContainerCreating. */
        CREATING,
        /** An image cannot be pulled: Pending, ImagePullBackOff. */
        PULL_FAILED,
        /** Containers started (a crash-looping one keeps failing): Running. */
        STARTED
    }

    private final String uid;
    private final String namespace;
    private final String name;
    private final String node;
    private final List<Container> containers;
    private final ObjectKey owner;
    private final Instant created;
    private Stage stage = Stage.CREATING;
    private Instant startedAt;

    PodRun(Pod pod, ObjectKey owner, Instant created) {
        this.uid = pod.getMetadata().getUid();
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.node = pod.getSpec().getNodeName();
        this.containers = List.copyOf(pod.getSpec().getContainers());
        this.owner = owner;
        this.created = created;
    }

    String uid() {
        return uid;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    String node() {
        return node;
    }

    List<Container> containers() {
        return containers;
    }

    ObjectKey owner() {
        return owner;
    }

    Instant created() {
        return created;
    }

    Stage stage() {
        return stage;
    }

    Instant startedAt() {
        return startedAt;
    }

    void pullFailed() {
        stage = Stage.PULL_FAILED;
    }

    void started(Instant at) {
        stage = Stage.STARTED;
        startedAt = at;
    }
}
