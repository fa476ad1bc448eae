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
 * <p>
 * A pod with init containers is not Initialized until they have all completed (exit code 0, Completed);
 * meanwhile they and the containers wait with PodInitializing. When one fails, it shows terminated with
 * exit code 1, reason Error and its termination message, the pod stays not Initialized, and with
 * {@code restartPolicy: Never} its phase is Failed.
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
        boolean initialized = started || pod.getSpec().getInitContainers().isEmpty();
        List<ContainerStatus> inits = initContainerStatuses(pod, run);
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            containers.add(initialized ? containerStatus(pod, container, run, nodeReady) : initializing(container));
        }
        boolean ready = started && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
        String readyText = ready ? "True" : "False";
        String phase = started ? "Running"
                : run.stage() == PodRun.Stage.INIT_FAILED && "Never".equals(pod.getSpec().getRestartPolicy()) ? "Failed" : "Pending";
        List<String> incomplete = inits.stream().filter(c -> !Boolean.TRUE.equals(c.getReady())).map(ContainerStatus::getName).toList();
        return new PodStatusBuilder().withPhase(phase).withHostIP("10.0.0.1")
                .addNewHostIP().withIp("10.0.0.1").endHostIP()
                .withPodIP(started ? "10.1.0.1" : null)
                .withStartTime(timestamp(run.created()))
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Initialized").withStatus(initialized ? "True" : "False")
                .withReason(initialized ? null : "ContainersNotInitialized")
                .withMessage(initialized ? null : "containers with incomplete status: [" + String.join(" ", incomplete) + "]")
                .endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(readyText).endCondition()
                .addNewCondition().withType("Ready").withStatus(readyText).endCondition()
                .withInitContainerStatuses(inits)
                .withContainerStatuses(containers).withQosClass("BestEffort").build();
    }

    /** The init containers: waiting until they run, then completed, up to one that failed. */
    private static List<ContainerStatus> initContainerStatuses(Pod pod, PodRun run) {
        List<ContainerStatus> statuses = new ArrayList<>();
        boolean ran = run.stage() == PodRun.Stage.STARTED || run.stage() == PodRun.Stage.INIT_FAILED;
        String at = timestamp(run.startedAt());
        for (Container container : pod.getSpec().getInitContainers()) {
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                    .withRestartCount(0).withStarted(false);
            if (!ran) {
                statuses.add(initializing(container));
            } else if (container.getName().equals(run.failedInitContainer())) {
                statuses.add(status.withReady(false).withNewState().withNewTerminated().withExitCode(1).withReason("Error")
                        .withMessage(run.initFailure()).withStartedAt(at).withFinishedAt(at).endTerminated().endState().build());
                ran = false; // the init containers after it never run
            } else {
                statuses.add(status.withReady(true).withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                        .withStartedAt(at).withFinishedAt(at).endTerminated().endState().build());
            }
        }
        return statuses;
    }

    /** A container whose pod's init containers have not all completed. */
    private static ContainerStatus initializing(Container container) {
        return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage()).withRestartCount(0)
                .withReady(false).withStarted(false)
                .withNewState().withNewWaiting().withReason("PodInitializing").endWaiting().endState().build();
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
                && Objects.equals(signature(current.getContainerStatuses()), signature(desired.getContainerStatuses()))
                && Objects.equals(signature(current.getInitContainerStatuses()), signature(desired.getInitContainerStatuses()));
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

    private static List<String> signature(List<ContainerStatus> statuses) {
        return statuses.stream().map(c -> c.getName() + " " + c.getReady() + " " + c.getRestartCount() + " "
                + (c.getState() == null ? "" : c.getState().getWaiting() != null ? c.getState().getWaiting().getReason()
                : c.getState().getRunning() != null ? "running" : "terminated")
                + " " + (c.getState() == null || c.getState().getWaiting() == null ? "" : c.getState().getWaiting().getMessage())
                + " " + (c.getLastState() == null || c.getLastState().getTerminated() == null ? "" : c.getLastState().getTerminated().getFinishedAt()))
                .toList();
    }
}
