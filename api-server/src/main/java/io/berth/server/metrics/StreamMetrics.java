package io.berth.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import org.springframework.stereotype.Component;

/**
 * Clients subscribed to Berth's event stream now ({@code berth_stream_subscribers}), read from the
 * stream's own count of its open streams when scraped, so that the two can never disagree.
 */
@Component
public class StreamMetrics {

    private final MeterRegistry registry;

    StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called once by the stream, with how many streams are open at any moment. */
    public void countSubscribers(IntSupplier openStreams) {
        Gauge.builder("berth.stream.subscribers", openStreams, IntSupplier::getAsInt)
                .description("Clients subscribed to the event stream now").strongReference(true).register(registry);
    }
}
