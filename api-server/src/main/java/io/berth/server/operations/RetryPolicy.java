package io.berth.server.operations;

import java.time.Duration;

/**
 * Capped exponential backoff with a bounded number of attempts, for the attempts of one step.
 *
 * @param maxAttempts attempts in all, the first one included
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The pause after attempt number {@code attempt} (1-based) failed: initial × 2^(attempt−1), capped. */
    public Duration delayAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initialDelay.toMillis() << doublings;
        return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }

    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
