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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a readiness wait which of the objects it waits for changed, and how they look now, so that a
 * workload that becomes ready between two polls ends the wait then, not at the next poll. Each object
 * is watched from the resourceVersion the wait last saw it at, so no change after that look is missed
 * and no copy of what it already saw comes back. It only reports: the wait still reads and judges the
 * objects itself, and still polls at its interval, so a watch that cannot be opened or that ends costs
 * promptness, never correctness.
 */
final class ChangeAlarm implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Changed objects since the last {@link #await}: the newest copy, or empty when it was deleted. */
    private final Map<ObjectRef, Optional<Map<String, Object>>> changes = new LinkedHashMap<>();
    private final List<Watch> watches = new ArrayList<>();

    /**
     * Watches each object by name, from the resourceVersion of its copy in {@code seen} (a missing
     * object from now on); an object whose watch cannot be opened is left to the polls.
     */
    static ChangeAlarm on(KubernetesClient client, List<Observation> seen) {
        ChangeAlarm alarm = new ChangeAlarm();
        for (Observation observation : seen) {
            ObjectRef ref = observation.ref();
            String resourceVersion = resourceVersionOf(observation.live());
            try {
                ResourceTypes.find(client, ref.apiVersion(), ref.kind()).ifPresent(type -> {
                    var resource = ResourceTypes.resource(client, type, ref);
                    Ring ring = alarm.new Ring(ref);
                    alarm.watches.add(resourceVersion == null ? resource.watch(ring) : resource.watch(resourceVersion, ring));
                });
            } catch (KubernetesClientException e) {
                // no watch for this one: the polls still see it
            }
        }
        return alarm;
    }

    /**
     * Waits until something changed since the last call, or at most {@code longest}.
     *
     * @return each object that changed meanwhile with its newest copy (empty when deleted); an empty map
     *         when nothing changed within {@code longest}
     */
    Map<ObjectRef, Optional<Map<String, Object>>> await(Duration longest) throws InterruptedException {
        long left = longest.toNanos();
        lock.lock();
        try {
            while (changes.isEmpty() && left > 0) {
                left = changed.awaitNanos(left);
            }
            Map<ObjectRef, Optional<Map<String, Object>>> taken = Map.copyOf(changes);
            changes.clear(); // one look covers every change that came meanwhile
            return taken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private static String resourceVersionOf(Map<String, Object> live) {
        if (live == null || !(live.get("metadata") instanceof Map<?, ?> metadata)) {
            return null;
        }
        Object version = metadata.get("resourceVersion");
        return version == null || version.toString().isEmpty() ? null : version.toString();
    }

    private final class Ring implements Watcher<GenericKubernetesResource> {

        private final ObjectRef ref;

        Ring(ObjectRef ref) {
            this.ref = ref;
        }

        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
            if (action == Action.BOOKMARK) {
                return;
            }
            Optional<Map<String, Object>> now = action == Action.DELETED || resource == null
                    ? Optional.empty() : Optional.of(LiveReader.tree(resource));
            lock.lock();
            try {
                changes.put(ref, now);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            // the polls go on without this watch
        }
    }
}
