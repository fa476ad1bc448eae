package io.berth.server.stream;

import io.berth.server.timeline.TimelineEvent;
import io.berth.server.timeline.TimelineFilter;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One open stream. The feed {@link #offer offers} events without ever waiting: they go into a bounded
 * buffer, and a sender task of this subscriber's own writes them out (a slow reader blocks only its own
 * sender). A subscriber whose buffer overflows is told to resync and closed.
 * <p>
 * A subscriber that resumes after an event id is first given what it missed from the timeline table
 * ({@link Replay}), then what the feed offered meanwhile; ids already sent are skipped, so an event found
 * by both is sent once.
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    /** What a resuming subscriber missed, read from the timeline. */
    interface Replay {

        /**
         * Sends every matching event after {@code afterId} through {@code send}, oldest first, and returns
         * the id of the last one sent; or returns -1 without sending when there are too many to catch up.
         */
        long replay(TimelineFilter filter, long afterId, EventSender send) throws IOException;
    }

    interface EventSender {
        void send(TimelineEvent event) throws IOException;
    }

    private final TimelineFilter filter;
    private final EventSink sink;
    private final Executor senders;
    private final Replay replay;
    private final BlockingQueue<TimelineEvent> buffer;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Runnable onClose;
    private volatile boolean overflowed;
    private volatile boolean keepAliveDue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean opened;
    private boolean caughtUp;
    private long lastSent;
    private int sentCount;

    /**
     * @param resumeAfter the last event id the reader has, or null to start with what happens from now on
     */
    Subscriber(TimelineFilter filter, EventSink sink, int bufferSize, Long resumeAfter, Replay replay, Executor senders,
               Runnable onClose) {
        this.filter = filter;
        this.sink = sink;
        this.senders = senders;
        this.replay = replay;
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.caughtUp = resumeAfter == null;
        this.lastSent = resumeAfter == null ? -1 : resumeAfter;
        this.onClose = onClose;
    }

    TimelineFilter filter() {
        return filter;
    }

    /** Called by the feed; never waits. */
    void offer(TimelineEvent event) {
        if (closed.get() || !filter.matches(event)) {
            return;
        }
        if (!buffer.offer(event)) {
            overflowed = true;
        }
        schedule();
    }

    void keepAlive() {
        keepAliveDue = true;
        schedule();
    }

    /** Starts sending: the stream's opening, then what a resuming reader missed. */
    void start() {
        schedule();
    }

    boolean isClosed() {
        return closed.get();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            buffer.clear();
            try {
                sink.close();
            } catch (RuntimeException alreadyFailed) {
                // the response broke before it could be ended (the reader went away): there is nothing to end
            } finally {
                onClose.run();
            }
        }
    }

    private void schedule() {
        if (!closed.get() && sending.compareAndSet(false, true)) {
            senders.execute(this::send);
        }
    }

    /** Runs on one sender at a time; sends until nothing is left, then checks once more for a race. */
    private void send() {
        try {
            do {
                sendWhatIsDue();
                sending.set(false);
            } while (!closed.get() && hasWork() && sending.compareAndSet(false, true));
        } catch (IOException | RuntimeException gone) {
            if (gone instanceof DataAccessException failure) {
                // Berth's own failure, not the reader's: the reader reconnects and resumes from its last event,
                // and the log says why it had to (a stream that just ends tells nobody anything)
                log.warn("A stream ended: the timeline could not be read: {}", failure.toString());
            } else {
                // usually the reader went away; said once per stream, so an end nobody asked for can be told apart
                log.info("A stream ended ({} event(s) sent): {}", sentCount, gone.toString());
            }
            sending.set(false);
            close(); // the reader went away, the response cannot be written any more, or the timeline failed
        }
    }

    private void sendWhatIsDue() throws IOException {
        if (closed.get()) {
            return;
        }
        if (!opened) {
            sink.open();
            opened = true;
        }
        if (!caughtUp) {
            long last = replay.replay(filter, lastSent, this::sendOnce);
            if (last < 0) {
                resync("more events were missed than this stream sends again");
                return;
            }
            caughtUp = true;
        }
        TimelineEvent event;
        while (!overflowed && (event = buffer.poll()) != null) {
            sendOnce(event);
        }
        if (overflowed) {
            resync("this stream fell too far behind its events");
            return;
        }
        if (keepAliveDue) {
            keepAliveDue = false;
            sink.keepAlive();
        }
    }

    private void sendOnce(TimelineEvent event) throws IOException {
        if (event.id() > lastSent) {
            sink.send(event);
            lastSent = event.id();
            sentCount++;
        }
    }

    private void resync(String reason) throws IOException {
        buffer.clear();
        try {
            sink.resync(reason);
        } finally {
            close();
        }
    }

    private boolean hasWork() {
        return !buffer.isEmpty() || overflowed || keepAliveDue;
    }
}
