package io.berth.server.status;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Targets waiting to be looked at again. A target is in the queue at most once, however many changes
 * are reported for it meanwhile: a burst of pod events costs one judgement, made on the latest state.
 * Watch handlers only {@link #add}; workers {@link #take}, then {@link #done} so the target can be
 * queued again.
 */
final class TargetQueue {

    private final BlockingQueue<Entry> queue = new DelayQueue<>();
    private final Set<TargetKey> queued = ConcurrentHashMap.newKeySet();

    /** Queues the target unless it is queued already. */
    void add(TargetKey key) {
        later(key, 0);
    }

    /** Queues the target to be taken no sooner than {@code delayMillis} from now (unless it is queued already). */
    void later(TargetKey key, long delayMillis) {
        if (queued.add(key)) {
            queue.add(new Entry(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
        }
    }

    /** The next target due; it may be queued again from now on. */
    TargetKey take() throws InterruptedException {
        TargetKey key = queue.take().key();
        queued.remove(key);
        return key;
    }

    int size() {
        return queued.size();
    }

    private record Entry(TargetKey key, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Entry) other).dueNanos);
        }
    }
}
