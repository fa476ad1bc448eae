package io.berth.server.tokens;

import io.berth.server.security.Role;
import java.time.Instant;

/** A token as listed: everything but the secret, which Berth does not have; {@code project} null for a global token. */
public record TokenView(String name, Role role, String project, Instant createdAt, String createdBy, Instant expiresAt) {

    static TokenView of(ApiTokenEntity token, String project) {
        return new TokenView(token.getName(), token.getRole(), project, token.getCreatedAt(), token.getCreatedBy(),
                token.getExpiresAt());
    }
}
