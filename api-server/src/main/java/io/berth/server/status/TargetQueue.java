package io.berth.server.status;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Targets waiting to be looked at again. A target is in the queue at most once, however many changes
 * are reported for it meanwhile: a burst of pod events costs one judgement, made on the latest state.
 * And a target is judged by one worker at a time: from {@link #take} until {@link #done}, a change reported
 * for it is kept and queues it again when that judgement is done. (Two judgements of one target at once
 * could finish in the wrong order, the one that read the older view recording a health the target has left.)
 * Watch handlers only {@link #add}; workers {@link #take}, judge, then {@link #done}.
 */
final class TargetQueue {

    private static final long NOT_AGAIN = -1;

    private final BlockingQueue<Entry> queue = new DelayQueue<>();
    private final Set<TargetKey> queued = ConcurrentHashMap.newKeySet();
    // targets being judged, with the delay after which to judge them again (NOT_AGAIN: no change reported meanwhile)
    private final Map<TargetKey, Long> judging = new HashMap<>();

    /** Queues the target unless it is queued already. */
    void add(TargetKey key) {
        later(key, 0);
    }

    /** Queues the target to be taken no sooner than {@code delayMillis} from now (unless it is queued already). */
    synchronized void later(TargetKey key, long delayMillis) {
        Long again = judging.get(key);
        if (again != null) {
            judging.put(key, again == NOT_AGAIN ? delayMillis : Math.min(again, delayMillis));
        } else if (queued.add(key)) {
            queue.add(new Entry(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
        }
    }

    /** The next target due; it is the caller's to judge until {@link #done}. */
    TargetKey take() throws InterruptedException {
        TargetKey key = queue.take().key();
        synchronized (this) {
            queued.remove(key);
            judging.put(key, NOT_AGAIN);
        }
        return key;
    }

    /** The target's judgement is over: queued again if a change was reported for it meanwhile. */
    synchronized void done(TargetKey key) {
        Long again = judging.remove(key);
        if (again != null && again != NOT_AGAIN) {
            later(key, again);
        }
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
