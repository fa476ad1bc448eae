package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the scheduler and the kubelet: places a new pod on a node and, after the readiness delay, runs
 * its init containers one after another (each succeeds at once unless a controller gave it work that
 * fails: see {@link InitContainerWork}; then the pod goes no further) and makes it Running and Ready.
 * A container image ending in the crash-loop suffix never becomes Ready (CrashLoopBackOff); one ending
 * in the missing suffix is never pulled (ImagePullBackOff); a pod on a node that is not Ready is not
 * Ready either. Both record the Events the real ones record (Scheduled, Pulling, Pulled, Created,
 * Started, Failed, BackOff, Killing). When a pod's state changes, its owner is told.
 */
public final class PodLifecycle implements Controller {

    private final SimContext context;
    private final CrashLoopBackOff backOff;
    private final PodStatuses statuses;
    private final KubeletEvents events;
    // What is remembered of each pod while it exists; also how its owner hears of its deletion.
    private final Map<ObjectKey, PodRun> runs = new ConcurrentHashMap<>();

    public PodLifecycle(SimContext context) {
        this.context = context;
        this.backOff = new CrashLoopBackOff(context.settings().crashLoopBackOff());
        this.statuses = new PodStatuses(context.settings().crashLoopImageSuffix(), context.settings().missingImageSuffix(), backOff);
        this.events = new KubeletEvents(context.events(), context.settings().readinessDelay());
    }

    @Override
    public String resource() {
        return "pods";
    }

    @Override
    public void reconcile(ObjectKey key) {
        Pod pod = context.client().pods().inNamespace(key.namespace()).withName(key.name()).get();
        PodRun known = runs.get(key);
        if (known != null && (pod == null || !known.uid().equals(pod.getMetadata().getUid()))) {
            forget(key, known); // deleted, perhaps made again under the same name
        }
        if (pod == null) {
            return;
        }
        if (pod.getSpec().getNodeName() == null) {
            String node = nodeFor(pod);
            pod.getSpec().setNodeName(node);
            Pod bound = context.client().pods().inNamespace(key.namespace()).resource(pod).update();
            events.scheduled(bound, node);
            return; // the update comes back as a new key
        }
        PodRun run = runs.computeIfAbsent(key, k -> arrived(pod));
        advance(key, pod, run);
        PodStatus desired = statuses.of(pod, run, nodeReady(pod.getSpec().getNodeName()));
        if (!PodStatuses.same(pod.getStatus(), desired)) {
            pod.setStatus(desired);
            context.client().pods().inNamespace(key.namespace()).resource(pod).updateStatus();
            if (run.owner() != null) {
                context.queue().enqueue(run.owner());
            }
        }
    }

    /** A pod seen on its node for the first time: its images are pulled (or fail to be). */
    private PodRun arrived(Pod pod) {
        PodRun run = new PodRun(pod, Owners.ownerKey(pod), Instant.now());
        List<Container> missing = pod.getSpec().getContainers().stream().filter(statuses::missing).toList();
        if (!missing.isEmpty()) {
            run.pullFailed();
            missing.forEach(c -> events.pullFailed(pod, c));
        } else {
            pod.getSpec().getInitContainers().forEach(c -> events.pulling(pod, c));
            pod.getSpec().getContainers().forEach(c -> events.pulling(pod, c));
        }
        return run;
    }

    /** Moves the pod on when its time has come, and asks to be called again when the next step is due. */
    private void advance(ObjectKey key, Pod pod, PodRun run) {
        Instant now = Instant.now();
        if (run.stage() == PodRun.Stage.CREATING) {
            Instant due = run.created().plus(context.settings().readinessDelay());
            if (now.isBefore(due)) {
                context.queue().enqueueAfter(key, Duration.between(now, due));
                return;
            }
            if (!initialize(pod, run, now)) {
                return;
            }
            run.started(now);
            startContainers(pod, pod.getSpec().getContainers(), false);
        } else if (run.stage() == PodRun.Stage.STARTED && crashLooping(pod)) {
            Instant due = run.lastFailure().plus(backOff.after(run.restarts()));
            if (now.isBefore(due)) {
                context.queue().enqueueAfter(key, Duration.between(now, due));
                return;
            }
            run.restarted(now);
            startContainers(pod, pod.getSpec().getContainers().stream().filter(statuses::crashLoops).toList(), true);
        } else {
            return;
        }
        if (crashLooping(pod)) {
            context.queue().enqueueAfter(key, backOff.after(run.restarts()));
        }
    }

    /**
     * The init containers run to completion one after another; false when one fails (restarting a failed
     * init container is not simulated: the pod stays initializing, or Failed when it is never restarted).
     */
    private boolean initialize(Pod pod, PodRun run, Instant now) {
        for (Container container : pod.getSpec().getInitContainers()) {
            events.pulled(pod, container);
            events.started(pod, container);
            String failure = context.initWork().run(pod.getMetadata().getUid(), container.getName());
            if (failure != null) {
                run.initFailed(container.getName(), failure, now);
                return false;
            }
        }
        return true;
    }

    /**
     * The containers start (their images were pulled when the pod arrived; a restart pulls again those
     * pulled every time); the crash-looping ones fail at once and wait out their back-off.
     */
    private void startContainers(Pod pod, List<Container> containers, boolean restart) {
        for (Container container : containers) {
            if (restart) {
                events.pulling(pod, container);
            }
            events.pulled(pod, container);
            events.started(pod, container);
            if (statuses.crashLoops(container)) {
                events.backOff(pod, container);
            }
        }
    }

    private boolean crashLooping(Pod pod) {
        return pod.getSpec().getContainers().stream().anyMatch(statuses::crashLoops);
    }

    /** The pod is gone: its containers were stopped, and its owner is told. */
    private void forget(ObjectKey key, PodRun run) {
        runs.remove(key, run);
        context.initWork().forget(run.uid());
        events.killed(run);
        if (run.owner() != null) {
            context.queue().enqueue(run.owner());
        }
    }

    static String readyOf(PodStatus status) {
        return PodStatuses.readyOf(status);
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
