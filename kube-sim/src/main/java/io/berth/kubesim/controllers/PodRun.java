package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;

/**
 * What the simulated kubelet remembers of one pod (by uid) while it exists: where it runs, when it
 * came, when its containers started and, for crash-looping ones, how often and when they last failed.
 * Pod status is computed from it, so that timestamps stay put from one reconcile to the next.
 */
final class PodRun {

    /** Where the pod is in its life. */
    enum Stage {
        /** On its node, images being pulled and containers created: Pending, ContainerCreating. */
        CREATING,
        /** An image cannot be pulled: Pending, ImagePullBackOff. */
        PULL_FAILED,
        /** Containers started (a crash-looping one keeps failing): Running. */
        STARTED,
        /** An init container failed: the containers never start (the pod is Failed when it is never restarted). */
        INIT_FAILED
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
    private int restarts;
    private Instant lastFailure;
    private String failedInitContainer;
    private String initFailure;

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

    /** How often the crash-looping containers were restarted. */
    int restarts() {
        return restarts;
    }

    /** When the crash-looping containers last failed (they fail as soon as they start), or null. */
    Instant lastFailure() {
        return lastFailure;
    }

    void started(Instant at) {
        stage = Stage.STARTED;
        startedAt = at;
        lastFailure = at;
    }

    /** The init container failed with this termination message, at this time: the pod goes no further. */
    void initFailed(String container, String message, Instant at) {
        stage = Stage.INIT_FAILED;
        startedAt = at;
        failedInitContainer = container;
        initFailure = message;
    }

    /** The init container that failed, or null. */
    String failedInitContainer() {
        return failedInitContainer;
    }

    /** What the failed init container left as its termination message, or null. */
    String initFailure() {
        return initFailure;
    }

    /** The crash-looping containers were started again, and failed again at once. */
    void restarted(Instant at) {
        restarts++;
        lastFailure = at;
    }
}
