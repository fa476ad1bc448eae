package io.berth.server.tokens;

import io.berth.server.security.Role;
import java.time.Instant;

/** The answer to creating a token: the only time its value is ever shown. */
public record CreatedToken(String name, Role role, String project, Instant createdAt, String createdBy, Instant expiresAt, String token) {

    @Override
    public String toString() {
        return "CreatedToken[name=" + name + ", role=" + role + "]";
    }
}
