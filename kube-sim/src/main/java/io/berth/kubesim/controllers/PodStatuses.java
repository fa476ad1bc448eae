package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status the kubelet reports for a pod, from what the simulation remembers of it: Pending with
 * ContainerCreating (or ImagePullBackOff) until its containers start, then Running; Ready when every
 * container is ready and the node is Ready. A crash-looping container is never ready: it waits in
 * CrashLoopBackOff, with its restarts counted and its last exit (code 1, Error) in lastState.
 */
final class PodStatuses {

    private final String crashLoopSuffix;
    private final String missingSuffix;
    private final CrashLoopBackOff backOff;

    PodStatuses(String crashLoopSuffix, String missingSuffix, CrashLoopBackOff backOff) {
        this.crashLoopSuffix = crashLoopSuffix;
        this.missingSuffix = missingSuffix;
        this.backOff = backOff;
    }

    boolean crashLoops(Container container) {
        return container.getImage() != null && container.getImage().endsWith(crashLoopSuffix);
    }

    boolean missing(Container container) {
        return container.getImage() != null && container.getImage().endsWith(missingSuffix);
    }

    PodStatus of(Pod pod, PodRun run, boolean nodeReady) {
        boolean started = run.stage() == PodRun.Stage.STARTED;
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            containers.add(containerStatus(pod, container, run, nodeReady));
        }
        boolean ready = started && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        String readyText = ready ? "True" : "False";
        return new PodStatusBuilder().withPhase(started ? "Running" : "Pending").withHostIP("10.0.0.1")
                .addNewHostIP().withIp("10.0.0.1").endHostIP()
                .withPodIP(started ? "10.1.0.1" : null)
                .withStartTime(timestamp(run.created()))
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Initialized").withStatus("True").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(readyText).endCondition()
                .addNewCondition().withType("Ready").withStatus(readyText).endCondition()
                .withContainerStatuses(containers).withQosClass("BestEffort").build();
    }

    private ContainerStatus containerStatus(Pod pod, Container container, PodRun run, boolean nodeReady) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                .withRestartCount(0);
        if (run.stage() == PodRun.Stage.CREATING || (run.stage() == PodRun.Stage.PULL_FAILED && !missing(container))) {
            return status.withReady(false).withStarted(false)
                    .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build();
        }
        if (run.stage() == PodRun.Stage.PULL_FAILED) {
            return status.withReady(false).withStarted(false).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"" + container.getImage() + "\"").endWaiting().endState().build();
        }
        if (crashLoops(container)) {
            // between restarts: waiting out the back-off, the last (instant) run's exit kept in lastState
            String failed = timestamp(run.lastFailure());
            return status.withReady(false).withStarted(false).withRestartCount(run.restarts())
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off " + KubeletEvents.go(backOff.after(run.restarts())) + " restarting failed container="
                            + container.getName() + " pod=" + podText(pod)).endWaiting().endState()
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").withStartedAt(failed)
                    .withFinishedAt(failed).endTerminated().endLastState().build();
        }
        return status.withReady(nodeReady).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(timestamp(run.startedAt())).endRunning().endState().build();
    }

    /** What is compared to decide whether the status must be written: not timestamps that do not move. */
    static boolean same(PodStatus current, PodStatus desired) {
        return current != null && Objects.equals(current.getPhase(), desired.getPhase())
                && Objects.equals(readyOf(current), readyOf(desired))
                && Objects.equals(signature(current), signature(desired));
    }

    static String readyOf(PodStatus status) {
        return status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse("False");
    }

    /** {@code name_namespace(uid)}, as the kubelet writes a pod in its messages. */
    static String podText(Pod pod) {
        return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static List<String> signature(PodStatus status) {
        return status.getContainerStatuses().stream().map(c -> c.getName() + " " + c.getReady() + " " + c.getRestartCount() + " "
                + (c.getState() == null ? "" : c.getState().getWaiting() != null ? c.getState().getWaiting().getReason()
                : c.getState().getRunning() != null ? "running" : "terminated")
                + " " + (c.getState() == null || c.getState().getWaiting() == null ? "" : c.getState().getWaiting().getMessage())
                + " " + (c.getLastState() == null || c.getLastState().getTerminated() == null ? "" : c.getLastState().getTerminated().getFinishedAt()))
                .toList();
    }
}
