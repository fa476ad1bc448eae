package io.berth.server.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.server.security.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the token table said about a token's hash, kept for {@code berth.tokens.cache-for}: a request
 * then checks its token without a database round trip. An unknown value is remembered too, so a client
 * retrying with a wrong token does not read the table each time. Bounded, so that many wrong values
 * only push out what was used least.
 */
@Component
class RecentlyReadTokens {

    /** A token as read: enough to authenticate and to check its expiry at each use. */
    record ReadToken(String name, Role role, UUID projectId, Instant expiresAt) {

        boolean isExpiredAt(Instant now) {
            return ApiTokenEntity.hasExpired(expiresAt, now);
        }
    }

    private final Cache<String, Optional<ReadToken>> byHash;

    RecentlyReadTokens(TokenSettings settings) {
        this.byHash = Caffeine.newBuilder().expireAfterWrite(settings.cacheFor()).maximumSize(settings.cacheSize()).build();
    }

    /** The token of this hash, as read now or within the last {@code cache-for}; empty when there is none. */
    Optional<ReadToken> get(String hash, Function<String, Optional<ReadToken>> read) {
        return byHash.get(hash, read);
    }

    /** Forgets the token of this name, at once (it was deleted). */
    void forget(String name) {
        byHash.asMap().values().removeIf(token -> token.isPresent() && token.get().name().equals(name));
    }
}
