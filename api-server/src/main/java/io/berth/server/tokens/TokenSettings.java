package io.berth.server.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of token checking, under {@code berth.tokens}.
 *
 * @param cacheFor  how long the outcome of reading a token from the database is reused, so that a
 *                  request does not read the token table each time. A token deleted through this
 *                  instance stops working at once; deleted through another instance sharing the
 *                  database, it keeps working here at most this long. An expiry is checked at each use.
 * @param cacheSize how many tokens (and unknown values) are remembered at most
 */
@ConfigurationProperties("berth.tokens")
public record TokenSettings(
        @DefaultValue("5s") Duration cacheFor,
        @DefaultValue("10000") int cacheSize) {
}
