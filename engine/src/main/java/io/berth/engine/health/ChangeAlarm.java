package io.berth.engine.health;

import io.berth.engine.ObjectRef;
import io.berth.engine.ResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a readiness wait what changed among the objects it waits for, and how they look now, so that
 * a workload that becomes ready (or a pod that starts failing) between two polls is looked at then,
 * not at the next poll. Each object is watched from the resourceVersion the wait last saw it at, so no
 * change after that look is missed and no copy of what it already saw comes back; the pods of a
 * StatefulSet or Deployment are watched by its selector, because their trouble does not show in the
 * workload's own status.
 * <p>
 * It only reports: the wait still reads and judges the objects itself. A watch that cannot be opened,
 * or that the server ends, leaves the alarm {@link #isBlind() blind} and the wait back on frequent
 * polls, so a lost watch costs promptness, never correctness.
 */
final class ChangeAlarm implements AutoCloseable {

    /**
     * One change: an applied object's new copy, or one of its pods'.
     *
     * @param ref   the applied object (for a pod, the workload it belongs to)
     * @param now   the new copy; empty when it was deleted
     * @param ofPod whether {@code now} is a pod of {@code ref} rather than {@code ref} itself
     */
    record Change(ObjectRef ref, Optional<Map<String, Object>> now, boolean ofPod) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Change> changes = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();
    private volatile boolean blind;

    /**
     * Watches each object in {@code seen} by name from the resourceVersion of its copy (a missing object
     * from now on), and the pods of each StatefulSet and Deployment by its selector.
     */
    static ChangeAlarm on(KubernetesClient client, List<Observation> seen) {
        ChangeAlarm alarm = new ChangeAlarm();
        for (Observation observation : seen) {
            alarm.watchObject(client, observation);
            if (HealthJudge.judgesPods(observation.ref().apiVersion(), observation.ref().kind())) {
                if (observation.live() == null) {
                    alarm.blind = true; // not seen, so its pods' selector is unknown: their trouble is left to the polls
                } else {
                    alarm.watchPods(client, observation.ref(), PodSelection.matchLabels(observation.live()));
                }
            }
        }
        return alarm;
    }

    /**
     * Waits until something changed since the last call, or at most {@code longest}.
     *
     * @return the changes that came meanwhile, oldest first; empty when nothing changed within {@code longest}
     */
    List<Change> await(Duration longest) throws InterruptedException {
        long left = longest.toNanos();
        lock.lock();
        try {
            while (changes.isEmpty() && left > 0) {
                left = changed.awaitNanos(left);
            }
            List<Change> taken = List.copyOf(changes);
            changes.clear(); // one look covers every change that came meanwhile
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Whether some change may go unreported: a watch could not be opened, or the server ended one. */
    boolean isBlind() {
        return blind;
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private void watchObject(KubernetesClient client, Observation observation) {
        ObjectRef ref = observation.ref();
        String resourceVersion = resourceVersionOf(observation.live());
        try {
            var type = ResourceTypes.find(client, ref.apiVersion(), ref.kind());
            if (type.isEmpty()) {
                blind = true; // its kind is not served (yet): only the polls can see it arrive
                return;
            }
            var resource = ResourceTypes.resource(client, type.get(), ref);
            Ring ring = new Ring(ref, false);
            watches.add(resourceVersion == null ? resource.watch(ring) : resource.watch(resourceVersion, ring));
        } catch (KubernetesClientException e) {
            blind = true;
        }
    }

    private void watchPods(KubernetesClient client, ObjectRef workload, Map<String, String> selector) {
        if (selector.isEmpty()) {
            return; // selects no pod (see LiveReader.podsOf): nothing to watch
        }
        try {
            // as generic objects: a typed watch converts each event once more, and the judge reads trees anyway
            watches.add(client.genericKubernetesResources("v1", "Pod").inNamespace(workload.namespace()).withLabels(selector)
                    .watch(new Ring(workload, true)));
        } catch (KubernetesClientException e) {
            blind = true;
        }
    }

    private static String resourceVersionOf(Map<String, Object> live) {
        if (live == null || !(live.get("metadata") instanceof Map<?, ?> metadata)) {
            return null;
        }
        Object version = metadata.get("resourceVersion");
        return version == null || version.toString().isEmpty() ? null : version.toString();
    }

    private void report(Change change) {
        lock.lock();
        try {
            changes.add(change);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Ring implements Watcher<GenericKubernetesResource> {

        private final ObjectRef ref;
        private final boolean ofPod;

        Ring(ObjectRef ref, boolean ofPod) {
            this.ref = ref;
            this.ofPod = ofPod;
        }

        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
            if (action == Action.BOOKMARK) {
                return;
            }
            boolean gone = action == Action.DELETED || action == Action.ERROR || resource == null;
            report(new Change(ref, gone ? Optional.empty() : Optional.of(LiveReader.tree(resource)), ofPod));
        }

        @Override
        public void onClose(WatcherException cause) {
            blind = true;
            // reported as if the object itself were gone, so that the wait looks now, whatever the watch missed
            report(new Change(ref, Optional.empty(), false));
        }
    }
}
