package io.berth.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Clients subscribed to Berth's event stream now ({@code berth_stream_subscribers}). The stream calls
 * {@link #subscribed()} when a client connects and closes the returned {@link Subscription} when the
 * client goes, whichever way (completion, time-out, error: an emitter may report more than one of
 * them, and a subscription counts down once however often it is closed).
 */
@Component
public class StreamMetrics {

    private final AtomicInteger subscribers = new AtomicInteger();

    StreamMetrics(MeterRegistry registry) {
        Gauge.builder("berth.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Clients subscribed to the event stream now").register(registry);
    }

    /** A client subscribed; close what this returns when it is gone. */
    public Subscription subscribed() {
        subscribers.incrementAndGet();
        return new Subscription(subscribers);
    }

    /** One subscriber, counted until it is closed. */
    public static final class Subscription implements AutoCloseable {

        private final AtomicInteger subscribers;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Subscription(AtomicInteger subscribers) {
            this.subscribers = subscribers;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscribers.decrementAndGet();
            }
        }
    }
}
