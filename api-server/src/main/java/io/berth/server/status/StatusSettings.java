package io.berth.server.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the status tracker, under {@code berth.status}.
 *
 * @param refreshInterval how often the list of deployed targets is read again from the database (a
 *                        deploy's new objects are watched from then on); changes on the clusters are
 *                        seen as they happen, not at this interval
 * @param checkInterval   how often each cluster's watch is checked: lost, back, or newly listed
 * @param staleAfter      how long a cluster's watch may be down before its targets are called Stale
 * @param parallelism     how many targets are judged at the same time
 * @param enabled         whether this instance tracks health at all
 * @param fullRefreshInterval how often every target is read and judged again, whatever changed; the
 *                        refreshes in between read only the targets that changed since the one before
 */
@ConfigurationProperties("berth.status")
public record StatusSettings(
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("10s") Duration staleAfter,
        @DefaultValue("4") int parallelism,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration fullRefreshInterval) {
}
