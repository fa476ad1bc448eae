package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMetrics stream = new StreamMetrics(registry);

    @Test
    void theGaugeReadsTheStreamsOwnCountWhenScraped() {
        AtomicInteger open = new AtomicInteger();
        stream.countSubscribers(open::get);
        open.set(2);
        assertThat(subscribers()).isEqualTo(2);

        open.set(1);
        assertThat(subscribers()).isEqualTo(1);

        open.set(0);
        assertThat(subscribers()).isZero();
    }

    private double subscribers() {
        return registry.get("berth.stream.subscribers").gauge().value();
    }
}
