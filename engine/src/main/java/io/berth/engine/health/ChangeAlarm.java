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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a readiness wait as soon as one of the objects it waits for changes, so that a workload that
 * becomes ready between two polls ends the wait then, not at the next poll. It only says "look again":
 * the wait still reads and judges the objects itself, and still polls at its interval, so a watch that
 * cannot be opened or that ends costs promptness, never correctness.
 */
final class ChangeAlarm implements AutoCloseable {

    private final Semaphore changes = new Semaphore(0);
    private final List<Watch> watches = new ArrayList<>();

    /** Watches each object by name; an object whose watch cannot be opened is left to the polls. */
    static ChangeAlarm on(KubernetesClient client, List<ObjectRef> objects) {
        ChangeAlarm alarm = new ChangeAlarm();
        for (ObjectRef ref : objects) {
            try {
                ResourceTypes.find(client, ref.apiVersion(), ref.kind()).ifPresent(type ->
                        alarm.watches.add(ResourceTypes.resource(client, type, ref).watch(alarm.new Ring())));
            } catch (KubernetesClientException e) {
                // no watch for this one: the polls still see it
            }
        }
        return alarm;
    }

    /** Waits until something changed since the last call, or at most {@code longest}. */
    void await(Duration longest) throws InterruptedException {
        if (changes.tryAcquire(longest.toNanos(), TimeUnit.NANOSECONDS)) {
            changes.drainPermits(); // one look covers every change that came meanwhile
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private final class Ring implements Watcher<GenericKubernetesResource> {

        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
            changes.release();
        }

        @Override
        public void onClose(WatcherException cause) {
            // the polls go on without this watch
        }
    }
}
