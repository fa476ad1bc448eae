package io.berth.server.timeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The timeline's tunables, under {@code berth.timeline}.
 *
 * @param retention   how long events are kept; older ones are deleted (a stream resuming from before
 *                    the oldest kept event is told to resync)
 * @param purgeEvery  how often old events are looked for
 */
@ConfigurationProperties("berth.timeline")
public record TimelineSettings(
        @DefaultValue("90d") Duration retention,
        @DefaultValue("1h") Duration purgeEvery) {
}
