package io.berth.kubesim.controllers;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work queue of one simulated cluster. Keys are de-duplicated while they wait and handled one at
 * a time, so the controllers of one cluster never race each other; the threads are shared by all
 * clusters. Handlers only enqueue keys; reconciling happens here.
 */
public final class ReconcileQueue {

    private static final Logger log = LoggerFactory.getLogger(ReconcileQueue.class);

    private final ScheduledExecutorService executor;
    private final Consumer<ObjectKey> reconciler;
    private final Set<ObjectKey> pending = new LinkedHashSet<>();
    private boolean draining;
    private volatile boolean stopped;

    public ReconcileQueue(ScheduledExecutorService executor, Consumer<ObjectKey> reconciler) {
        this.executor = executor;
        this.reconciler = reconciler;
    }

    public void enqueue(ObjectKey key) {
        synchronized (this) {
            if (stopped || !pending.add(key) || draining) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    public void enqueueAfter(ObjectKey key, Duration delay) {
        if (!stopped) {
            executor.schedule(() -> enqueue(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void stop() {
        stopped = true;
    }

    private void drain() {
        while (true) {
            ObjectKey next;
            synchronized (this) {
                if (pending.isEmpty() || stopped) {
                    draining = false;
                    return;
                }
                next = pending.iterator().next();
                pending.remove(next);
            }
            try {
                reconciler.accept(next);
            } catch (RuntimeException e) {
                // A failed step is retried later, as a controller's work queue would.
                log.debug("Reconciling {} failed: {}", next, e.toString());
                enqueueAfter(next, Duration.ofMillis(200));
            }
        }
    }
}
