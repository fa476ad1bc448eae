package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StreamMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMetrics stream = new StreamMetrics(registry);

    @Test
    void aSubscriberCountsUntilItsSubscriptionIsClosedHoweverOftenThatIs() {
        StreamMetrics.Subscription first = stream.subscribed();
        StreamMetrics.Subscription second = stream.subscribed();
        assertThat(subscribers()).isEqualTo(2);

        // an emitter may report its completion and then its error, or time out and then complete
        first.close();
        first.close();
        assertThat(subscribers()).isEqualTo(1);

        second.close();
        assertThat(subscribers()).isZero();
    }

    private double subscribers() {
        return registry.get("berth.stream.subscribers").gauge().value();
    }
}
