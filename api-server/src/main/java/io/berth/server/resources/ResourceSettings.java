package io.berth.server.resources;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the live reads, under {@code berth.resources}.
 *
 * @param deadline    how long one cluster's targets may take to read; then that cluster is reported as not
 *                    answering in time, and the others are answered without it
 * @param parallelism how many clusters are read at the same time, over all requests
 */
@ConfigurationProperties("berth.resources")
public record ResourceSettings(@DefaultValue("5s") Duration deadline, @DefaultValue("16") int parallelism) {

    public ResourceSettings {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("berth.resources.deadline must be positive, not " + deadline);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("berth.resources.parallelism must be at least 1, not " + parallelism);
        }
    }
}
