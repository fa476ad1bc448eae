package io.berth.engine.health;

import io.berth.engine.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The health of one pod, and what makes a pod hopeless (the part a workload's rule looks at). Pure. */
final class PodHealth {

    /** Container waiting reasons that waiting longer does not cure. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    private static final int MESSAGE_LIMIT = 200;

    private PodHealth() {
    }

    static Assessment judge(Map<String, Object> pod) {
        Optional<String> stuck = trouble(pod);
        if (stuck.isPresent()) {
            return Assessment.degraded(stuck.get());
        }
        String phase = Objects.toString(Workloads.valueAt(pod, "status.phase"), "");
        return switch (phase) {
            case "Succeeded" -> Assessment.healthy();
            case "Failed" -> Assessment.degraded("pod " + name(pod) + " failed" + reasonOf(pod));
            case "Running" -> Conditions.isTrue(Conditions.find(pod, "Ready")) ? Assessment.healthy()
                    : Assessment.progressing("pod " + name(pod) + " is running but not ready");
            default -> Assessment.progressing("pod " + name(pod) + " is " + (phase.isEmpty() ? "not scheduled yet" : phase)
                    + unschedulable(pod));
        };
    }

    /**
     * Why a pod cannot start, when a container (init containers included) waits for a reason that
     * does not go away by itself: {@code pod web-1: CrashLoopBackOff (back-off 10s restarting ...)}.
     */
    static Optional<String> trouble(Map<String, Object> pod) {
        for (Map<String, Object> status : containerStatuses(pod)) {
            Object reason = Workloads.valueAt(status, "state.waiting.reason");
            if (reason != null && STUCK.contains(reason.toString())) {
                Object message = Workloads.valueAt(status, "state.waiting.message");
                Integer restarts = Workloads.replicasAt(status, "restartCount");
                String detail = message == null ? "" : " (" + clip(message.toString()) + ")";
                String restarted = restarts == null || restarts == 0 ? "" : ", " + restarts + " restarts";
                return Optional.of("pod " + name(pod) + ": " + reason + detail + restarted);
            }
        }
        return Optional.empty();
    }

    /** Every pod's trouble, in the order given. */
    static List<String> troubles(List<Map<String, Object>> pods) {
        List<String> found = new ArrayList<>();
        pods.forEach(pod -> trouble(pod).ifPresent(found::add));
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containerStatuses(Map<String, Object> pod) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String path : List.of("status.initContainerStatuses", "status.containerStatuses")) {
            if (Workloads.valueAt(pod, path) instanceof List<?> statuses) {
                statuses.stream().filter(s -> s instanceof Map<?, ?>).forEach(s -> all.add((Map<String, Object>) s));
            }
        }
        return all;
    }

    private static String unschedulable(Map<String, Object> pod) {
        Map<String, Object> scheduled = Conditions.find(pod, "PodScheduled");
        return Conditions.isFalse(scheduled) ? Conditions.explained(scheduled) : "";
    }

    private static String reasonOf(Map<String, Object> pod) {
        Object reason = Workloads.valueAt(pod, "status.reason");
        return reason == null ? "" : ": " + reason;
    }

    static String name(Map<String, Object> pod) {
        return Objects.toString(Workloads.valueAt(pod, "metadata.name"), "?");
    }

    private static String clip(String text) {
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT) + "…";
    }
}
