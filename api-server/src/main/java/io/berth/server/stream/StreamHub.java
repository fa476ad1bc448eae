package io.berth.server.stream;

import io.berth.server.metrics.StreamMetrics;
import io.berth.server.timeline.TimelineEvent;
import io.berth.server.timeline.TimelineFilter;
import io.berth.server.timeline.TimelineService;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's open streams: hands each new timeline event to every subscriber (which never waits),
 * gives idle streams their keep-alive, and catches up resuming subscribers from the timeline table.
 * <p>
 * On a stop it ends every stream before the web server's graceful shutdown begins: a stream is a request
 * that never finishes on its own, so otherwise each stop would wait out the whole grace period for them
 * and then cut them off. Ended, they reconnect (after the {@code retry:} they were given) with
 * Last-Event-ID, to another instance or to this one's next start, and miss nothing.
 */
@Component
class StreamHub implements SmartLifecycle, DisposableBean {

    private static final int REPLAY_PAGE = 500;

    private final TimelineService timeline;
    private final StreamSettings settings;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    // from the start: the web server takes requests before this bean's lifecycle phase starts
    private volatile boolean accepting = true;
    private final AtomicInteger senderThreads = new AtomicInteger();
    // one sender at a time per subscriber, and only while it has something to send: a reader that does
    // not read holds one thread, never the feed nor another reader
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> daemon(r, "berth-stream-" + senderThreads.incrementAndGet()));
    private final ScheduledExecutorService keepAlives = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-stream-keep-alive"));

    StreamHub(TimelineService timeline, StreamSettings settings, StreamMetrics metrics) {
        this.timeline = timeline;
        this.settings = settings;
        metrics.countSubscribers(subscribers::size);
        long every = settings.keepAlive().toMillis();
        keepAlives.scheduleWithFixedDelay(() -> subscribers.forEach(Subscriber::keepAlive), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream into the sink, or returns null when this instance has as many streams as it takes.
     *
     * @param resumeAfter the last event id the reader has (Last-Event-ID), or null for what happens from now
     */
    Subscriber subscribe(TimelineFilter filter, EventSink sink, Long resumeAfter) {
        Subscriber[] self = new Subscriber[1];
        Subscriber subscriber = new Subscriber(filter, sink, settings.buffer(), resumeAfter, this::replay, senders,
                () -> subscribers.remove(self[0]));
        self[0] = subscriber;
        synchronized (subscribers) {
            if (!accepting) {
                // stopping: the stream ends at once; its client reconnects, as after any end of a stream
                subscriber.close();
                return subscriber;
            }
            if (subscribers.size() >= settings.maxSubscribers()) {
                return null;
            }
            subscribers.add(subscriber); // before the replay reads the table: nothing falls between the two
        }
        subscriber.start();
        return subscriber;
    }

    /** New events, oldest first, as the feed read them. */
    void publish(List<TimelineEvent> events) {
        for (TimelineEvent event : events) {
            subscribers.forEach(s -> s.offer(event));
        }
    }

    private long replay(TimelineFilter filter, long afterId, Subscriber.EventSender send) throws IOException {
        if (!timeline.keptAfter(afterId) || timeline.countAfter(filter, afterId, settings.maxReplay()) > settings.maxReplay()) {
            return -1;
        }
        long last = afterId;
        List<TimelineEvent> page;
        do {
            page = timeline.after(filter, last, REPLAY_PAGE);
            for (TimelineEvent event : page) {
                send.send(event);
                last = event.id();
            }
        } while (page.size() == REPLAY_PAGE);
        return last;
    }

    @Override
    public void start() {
        accepting = true;
    }

    /** Ends every open stream; streams asked for from now on end as soon as they open. */
    @Override
    public void stop() {
        synchronized (subscribers) {
            accepting = false;
        }
        List.copyOf(subscribers).forEach(Subscriber::close);
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** The highest phase: stopped first, before the web server's graceful shutdown waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        keepAlives.shutdownNow();
        List.copyOf(subscribers).forEach(Subscriber::close);
        senders.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
