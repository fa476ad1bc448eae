package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the scheduler and the kubelet: places a new pod on a node and, after the readiness delay,
 * makes it Running and Ready. A container image ending in the crash-loop suffix never becomes Ready
 * (CrashLoopBackOff); one ending in the missing suffix is never pulled (ImagePullBackOff); a pod on a
 * node that is not Ready is not Ready either. When a pod's state changes, its owner is told.
 */
public final class PodLifecycle implements Controller {

    private final SimContext context;
    // When each pod was first seen (by uid): the start of its readiness delay.
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    // The owner of each pod seen, so that the owner still hears of the pod's deletion.
    private final Map<ObjectKey, ObjectKey> ownerOf = new ConcurrentHashMap<>();

    public PodLifecycle(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "pods";
    }

    @Override
    public void reconcile(ObjectKey key) {
        Pod pod = context.client().pods().inNamespace(key.namespace()).withName(key.name()).get();
        if (pod == null) {
            ObjectKey owner = ownerOf.remove(key);
            if (owner != null) {
                context.queue().enqueue(owner);
            }
            return;
        }
        ObjectKey owner = Owners.ownerKey(pod);
        if (owner != null) {
            ownerOf.put(key, owner);
        }
        if (pod.getSpec().getNodeName() == null) {
            pod.getSpec().setNodeName(nodeFor(pod));
            context.client().pods().inNamespace(key.namespace()).resource(pod).update();
            return; // the update comes back as a new key
        }
        Instant seen = firstSeen.computeIfAbsent(pod.getMetadata().getUid(), uid -> Instant.now());
        Duration waited = Duration.between(seen, Instant.now());
        PodStatus desired = desiredStatus(pod, waited);
        if (desired == null) {
            context.queue().enqueueAfter(key, context.settings().readinessDelay().minus(waited));
            desired = pending(pod);
        }
        if (!sameState(pod.getStatus(), desired)) {
            pod.setStatus(desired);
            context.client().pods().inNamespace(key.namespace()).resource(pod).updateStatus();
            if (owner != null) {
                context.queue().enqueue(owner);
            }
        }
    }

    /** What the kubelet would report now, or null while the pod is still starting. */
    private PodStatus desiredStatus(Pod pod, Duration waited) {
        String crash = context.settings().crashLoopImageSuffix();
        String missing = context.settings().missingImageSuffix();
        List<Container> containers = pod.getSpec().getContainers();
        if (containers.stream().anyMatch(c -> c.getImage() != null && c.getImage().endsWith(missing))) {
            return status(pod, "Pending", false, "ImagePullBackOff");
        }
        if (waited.compareTo(context.settings().readinessDelay()) < 0) {
            return null;
        }
        if (containers.stream().anyMatch(c -> c.getImage() != null && c.getImage().endsWith(crash))) {
            return status(pod, "Running", false, "CrashLoopBackOff");
        }
        return status(pod, "Running", nodeReady(pod.getSpec().getNodeName()), null);
    }

    private PodStatus pending(Pod pod) {
        return status(pod, "Pending", false, "ContainerCreating");
    }

    private static PodStatus status(Pod pod, String phase, boolean ready, String waitingReason) {
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName())
                    .withImage(container.getImage()).withReady(ready).withRestartCount(0).withStarted(waitingReason == null);
            if (waitingReason == null) {
                status.withNewState().withNewRunning().endRunning().endState();
            } else {
                status.withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState();
            }
            containers.add(status.build());
        }
        String readyText = ready ? "True" : "False";
        return new PodStatusBuilder().withPhase(phase).withHostIP("10.0.0.1").withPodIP("Pending".equals(phase) ? null : "10.1.0.1")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(readyText).endCondition()
                .addNewCondition().withType("Ready").withStatus(readyText).endCondition()
                .withContainerStatuses(containers).build();
    }

    /** Compares what matters (phase, readiness, waiting reasons), not timestamps. */
    private static boolean sameState(PodStatus current, PodStatus desired) {
        if (current == null) {
            return false;
        }
        return Objects.equals(current.getPhase(), desired.getPhase())
                && Objects.equals(readyOf(current), readyOf(desired))
                && Objects.equals(reasons(current), reasons(desired));
    }

    static String readyOf(PodStatus status) {
        return status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse("False");
    }

    private static List<String> reasons(PodStatus status) {
        return status.getContainerStatuses().stream()
                .map(c -> c.getState() != null && c.getState().getWaiting() != null ? c.getState().getWaiting().getReason() : "").toList();
    }

    private boolean nodeReady(String nodeName) {
        Node node = context.client().nodes().withName(nodeName).get();
        return node != null && node.getStatus() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private String nodeFor(Pod pod) {
        List<String> nodes = context.nodeNames();
        return nodes.get(Math.floorMod(pod.getMetadata().getName().hashCode(), nodes.size()));
    }
}
