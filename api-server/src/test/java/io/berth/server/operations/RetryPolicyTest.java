package io.berth.server.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void theDelayDoublesAfterEachFailedAttempt() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void theDelayIsCappedAtTheMaximum() {
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(10)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void hugeAttemptNumbersStillGiveTheCapNotAnOverflow() {
        RetryPolicy generous = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofDays(365));

        assertThat(generous.delayAfter(31)).isEqualTo(Duration.ofMillis(1L << 30));
        assertThat(generous.delayAfter(1000)).isEqualTo(Duration.ofMillis(1L << 30));
        assertThat(generous.delayAfter(Integer.MAX_VALUE)).isPositive().isLessThanOrEqualTo(Duration.ofDays(365));
        assertThat(new RetryPolicy(3, Duration.ofDays(1), Duration.ofDays(2)).delayAfter(Integer.MAX_VALUE))
                .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void anAttemptNumberBelowOneCountsAsTheFirst() {
        assertThat(policy.delayAfter(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(-3)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anInitialDelayAboveTheCapIsCapped() {
        assertThat(new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1)).delayAfter(1))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesAreAllowedUntilMaxAttemptsHaveBeenMade() {
        assertThat(policy.mayRetryAfter(1)).isTrue();
        assertThat(policy.mayRetryAfter(4)).isTrue();
        assertThat(policy.mayRetryAfter(5)).isFalse();
        assertThat(policy.mayRetryAfter(6)).isFalse();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new RetryPolicy(1, Duration.ofMillis(200), Duration.ofSeconds(1)).mayRetryAfter(1)).isFalse();
    }

    @Test
    void maxAttemptsBelowOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(200), Duration.ofSeconds(1)))
                .withMessageContaining("maxAttempts");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(-1, Duration.ofMillis(200), Duration.ofSeconds(1)));
    }
}
