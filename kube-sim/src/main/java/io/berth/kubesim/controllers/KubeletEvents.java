package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * The Events the kubelet and the scheduler record about pods, with their reasons and messages (as of
 * Kubernetes 1.31). Container events refer to the container ({@code spec.containers{name}}, or
 * {@code spec.initContainers{name}} for an init container), as the kubelet's do.
 */
final class KubeletEvents {

    private static final EventRecorder.Source SCHEDULER = EventRecorder.Source.of("default-scheduler");

    private final EventRecorder events;
    private final Duration pullTime;

    /** @param pullTime how long a pull is said to take (the readiness delay: the pod is created meanwhile) */
    KubeletEvents(EventRecorder events, Duration pullTime) {
        this.events = events;
        this.pullTime = pullTime;
    }

    void scheduled(Pod pod, String node) {
        events.normal(pod, SCHEDULER, "Scheduled",
                "Successfully assigned " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + node);
    }

    /** The pull that starts when a pod comes to its node: only images that are pulled every time are pulled. */
    void pulling(Pod pod, Container container) {
        if ("Always".equals(pullPolicy(container))) {
            normal(pod, container, "Pulling", "Pulling image \"" + container.getImage() + "\"");
        }
    }

    void pulled(Pod pod, Container container) {
        String message = "Always".equals(pullPolicy(container))
                ? "Successfully pulled image \"" + container.getImage() + "\" in " + go(pullTime) + " (" + go(pullTime) + " including waiting)"
                : "Container image \"" + container.getImage() + "\" already present on machine";
        normal(pod, container, "Pulled", message);
    }

    void started(Pod pod, Container container) {
        normal(pod, container, "Created", "Created container " + container.getName());
        normal(pod, container, "Started", "Started container " + container.getName());
    }

    /** A pull that fails, then the back-off before the next attempt, as the kubelet reports an image that does not exist. */
    void pullFailed(Pod pod, Container container) {
        String image = container.getImage();
        normal(pod, container, "Pulling", "Pulling image \"" + image + "\"");
        warning(pod, container, "Failed", "Failed to pull image \"" + image + "\": rpc error: code = NotFound desc = failed to pull and unpack image \""
                + image + "\": failed to resolve reference \"" + image + "\": " + image + ": not found");
        warning(pod, container, "Failed", "Error: ErrImagePull");
        normal(pod, container, "BackOff", "Back-off pulling image \"" + image + "\"");
        warning(pod, container, "Failed", "Error: ImagePullBackOff");
    }

    void backOff(Pod pod, Container container) {
        warning(pod, container, "BackOff", "Back-off restarting failed container " + container.getName() + " in pod " + PodStatuses.podText(pod));
    }

    /** The pod is gone: its containers were stopped. */
    void killed(PodRun run) {
        for (Container container : run.containers()) {
            ObjectReference reference = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(run.name())
                    .withNamespace(run.namespace()).withUid(run.uid()).withFieldPath(fieldPath(container)).build();
            events.record(reference, kubelet(run.node()), EventRecorder.NORMAL, "Killing", "Stopping container " + container.getName());
        }
    }

    private void normal(Pod pod, Container container, String reason, String message) {
        events.record(EventRecorder.referenceTo(pod, fieldPath(pod, container)), kubelet(pod.getSpec().getNodeName()),
                EventRecorder.NORMAL, reason, message);
    }

    private void warning(Pod pod, Container container, String reason, String message) {
        events.record(EventRecorder.referenceTo(pod, fieldPath(pod, container)), kubelet(pod.getSpec().getNodeName()),
                EventRecorder.WARNING, reason, message);
    }

    private static EventRecorder.Source kubelet(String node) {
        return new EventRecorder.Source("kubelet", node);
    }

    private static String fieldPath(Container container) {
        return "spec.containers{" + container.getName() + "}";
    }

    /** Container names are unique within a pod, init containers included. */
    private static String fieldPath(Pod pod, Container container) {
        boolean init = pod.getSpec().getInitContainers().stream().anyMatch(c -> c.getName().equals(container.getName()));
        return init ? "spec.initContainers{" + container.getName() + "}" : fieldPath(container);
    }

    /** The API server defaults it; a pod stored before that reads as the API server would have defaulted it. */
    private static String pullPolicy(Container container) {
        if (container.getImagePullPolicy() != null) {
            return container.getImagePullPolicy();
        }
        String image = container.getImage() == null ? "" : container.getImage();
        String last = image.substring(image.lastIndexOf('/') + 1);
        return !last.contains("@") && (!last.contains(":") || last.endsWith(":latest")) ? "Always" : "IfNotPresent";
    }

    /** A duration as Go prints one: 200ms, 1.5s, 2m0s. */
    static String go(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
        }
        long minutes = millis / 60_000;
        String seconds = java.math.BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        return minutes + "m" + seconds + "s";
    }
}
