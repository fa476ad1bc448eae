package io.berth.server.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the live stream, under {@code berth.stream}.
 *
 * @param pollInterval   how often the timeline is read when no notification came (notifications wake
 *                       the reader at once; this bounds the delay if one is lost)
 * @param keepAlive      how often an idle stream gets a comment line, so that proxies keep it open
 * @param buffer         events held for one subscriber that has not taken them yet; beyond that it is
 *                       told to resync and closed, rather than slowing Berth or other readers
 * @param maxReplay      events a reconnecting subscriber may have missed and still be caught up; more
 *                       and it is told to resync
 * @param maxSubscribers streams open at once on this instance; more are refused with 503
 * @param maxDuration    how long one stream stays open; the client reconnects with Last-Event-ID
 * @param ticketLifetime how long a stream ticket can be used (once)
 * @param reconnectDelay the {@code retry:} a stream opens with: how long a client (EventSource does it on
 *                       its own) waits before reconnecting after the stream ended
 */
@ConfigurationProperties("berth.stream")
public record StreamSettings(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("1000") int buffer,
        @DefaultValue("10000") int maxReplay,
        @DefaultValue("500") int maxSubscribers,
        @DefaultValue("30m") Duration maxDuration,
        @DefaultValue("30s") Duration ticketLifetime,
        @DefaultValue("3s") Duration reconnectDelay) {
}
