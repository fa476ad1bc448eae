package io.berth.kubesim.controllers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated init containers do. The kubelet ({@link PodLifecycle}) runs a pod's init containers
 * one after another when its containers are due to start; an init container succeeds at once unless a
 * controller has given it work. The work stands for what the container's command does (such as fetching
 * a backup from a service that the controller plays) and says whether it succeeded or, if not, the
 * termination message the container leaves.
 */
public final class InitContainerWork {

    /** An init container's work: null when it succeeds (exit code 0), else its termination message (exit code 1). */
    @FunctionalInterface
    public interface Work {
        String run();
    }

    // by pod uid, then by init container name
    private final Map<String, Map<String, Work>> byPod = new ConcurrentHashMap<>();

    /** Gives an init container of the pod (by the pod's uid) its work, before the kubelet starts the pod. */
    public void give(String podUid, String container, Work work) {
        byPod.computeIfAbsent(podUid, uid -> new ConcurrentHashMap<>()).put(container, work);
    }

    /** Runs the init container's work; null when it succeeded (or had none), else its termination message. */
    String run(String podUid, String container) {
        Work work = byPod.getOrDefault(podUid, Map.of()).get(container);
        return work == null ? null : work.run();
    }

    /** The pod is gone: so is the work given for it. */
    void forget(String podUid) {
        byPod.remove(podUid);
    }
}
