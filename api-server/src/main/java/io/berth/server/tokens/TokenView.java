package io.berth.server.tokens;

import io.berth.server.security.Role;
import java.time.Instant;

/** A token as listed: everything but the secret, which Berth does not have. */
public record TokenView(String name, Role role, Instant createdAt, String createdBy, Instant expiresAt) {

    static TokenView of(ApiTokenEntity token) {
        return new TokenView(token.getName(), token.getRole(), token.getCreatedAt(), token.getCreatedBy(), token.getExpiresAt());
    }
}
