package io.berth.engine.tree;

import io.berth.engine.Workloads;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pods as the tree shows them. Pure: a pod's tree in, a node out. */
final class PodNodes {

    private static final String REVISION_LABEL = "metadata.labels.controller-revision-hash";
    /** A Deployment's pods carry their ReplicaSet's template hash instead. */
    private static final String TEMPLATE_HASH_LABEL = "metadata.labels.pod-template-hash";

    private PodNodes() {
    }

    /**
     * @param statefulSet the name of the StatefulSet the pod belongs to (its ordinal is read from the pod's
     *                    name), or {@code null} for pods of other owners
     */
    static PodNode of(Map<String, Object> pod, String statefulSet) {
        String name = Trees.text(pod, "metadata.name");
        boolean ready = isReady(pod);
        String revision = Trees.text(pod, REVISION_LABEL);
        return new PodNode(name, Trees.text(pod, "metadata.uid"), statefulSet == null ? null : Ordinals.after(statefulSet, name),
                Trees.text(pod, "status.phase"), ready, restarts(pod), Trees.text(pod, "spec.nodeName"),
                ready ? null : notReadyReason(pod), HealthJudge.judge(LiveObject.of(Trees.asKind(pod, "v1", "Pod"))).health(),
                Trees.instant(pod, "metadata.creationTimestamp"),
                revision != null ? revision : Trees.text(pod, TEMPLATE_HASH_LABEL));
    }

    static boolean isReady(Map<String, Object> pod) {
        Map<?, ?> ready = condition(pod, "Ready");
        return ready != null && "True".equals(ready.get("status"));
    }

    /** The sum of the restart counts of its containers, init containers included. */
    static int restarts(Map<String, Object> pod) {
        int sum = 0;
        for (Map<?, ?> status : containerStatuses(pod)) {
            if (status.get("restartCount") instanceof Number count) {
                sum += count.intValue();
            }
        }
        return sum;
    }

    /**
     * Why the pod is not ready, most telling first: it is being deleted; a container waits (its reason
     * and message: {@code CrashLoopBackOff: back-off 10s...}, {@code ImagePullBackOff}, {@code ContainerCreating});
     * a container ended; it cannot be scheduled ({@code Unschedulable: 0/3 nodes are available...}); what its
     * Ready condition says; its phase.
     */
    static String notReadyReason(Map<String, Object> pod) {
        if (Workloads.valueAt(pod, "metadata.deletionTimestamp") != null) {
            return "Terminating";
        }
        for (Map<?, ?> status : containerStatuses(pod)) {
            if (Workloads.valueAt(cast(status), "state.waiting") instanceof Map<?, ?> waiting && waiting.get("reason") != null) {
                return explained(waiting.get("reason"), waiting.get("message"));
            }
        }
        for (Map<?, ?> status : containerStatuses(pod)) {
            if (Workloads.valueAt(cast(status), "state.terminated") instanceof Map<?, ?> ended && !"Completed".equals(ended.get("reason"))) {
                return explained(ended.get("reason") == null ? "Terminated" : ended.get("reason"),
                        ended.get("exitCode") == null ? ended.get("message") : "exit code " + ended.get("exitCode"));
            }
        }
        Map<?, ?> scheduled = condition(pod, "PodScheduled");
        if (scheduled != null && "False".equals(scheduled.get("status"))) {
            return explained(scheduled.get("reason") == null ? "Unschedulable" : scheduled.get("reason"), scheduled.get("message"));
        }
        Map<?, ?> ready = condition(pod, "Ready");
        if (ready != null && (ready.get("reason") != null || ready.get("message") != null)) {
            return explained(ready.get("reason") == null ? "NotReady" : ready.get("reason"), ready.get("message"));
        }
        String phase = Trees.text(pod, "status.phase");
        return phase == null || "Running".equals(phase) ? "NotReady" : phase;
    }

    private static String explained(Object reason, Object message) {
        return message == null || message.toString().isBlank() ? reason.toString() : reason + ": " + message;
    }

    private static Map<?, ?> condition(Map<String, Object> pod, String type) {
        if (!(Workloads.valueAt(pod, "status.conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream().filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .map(c -> (Map<?, ?>) c).findFirst().orElse(null);
    }

    /** Init containers first: a pod whose init container waits starts no other container. */
    private static List<Map<?, ?>> containerStatuses(Map<String, Object> pod) {
        List<Map<?, ?>> all = new ArrayList<>();
        for (String path : List.of("status.initContainerStatuses", "status.containerStatuses")) {
            if (Workloads.valueAt(pod, path) instanceof List<?> statuses) {
                statuses.stream().filter(s -> s instanceof Map<?, ?>).forEach(s -> all.add((Map<?, ?>) s));
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
