package io.berth.server.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the status tracker, under {@code berth.status}.
 *
 * @param interval    how often every deployed target is looked at
 * @param parallelism how many clusters are looked at the same time
 * @param enabled     whether this instance tracks health at all
 */
@ConfigurationProperties("berth.status")
public record StatusSettings(
        @DefaultValue("15s") Duration interval,
        @DefaultValue("4") int parallelism,
        @DefaultValue("true") boolean enabled) {
}
