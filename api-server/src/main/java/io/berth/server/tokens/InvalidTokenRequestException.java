package io.berth.server.tokens;

import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.Violation;
import java.util.List;

/** A token request whose fields are well formed but cannot be granted. */
public class InvalidTokenRequestException extends InvalidRequestException {

    private InvalidTokenRequestException(String message, List<Violation> violations) {
        super(message, violations);
    }

    /** A token that would be expired when created could never be used. */
    public static InvalidTokenRequestException expiryNotInTheFuture() {
        return new InvalidTokenRequestException("expiresAt must be in the future",
                List.of(new Violation("expiresAt", "must be in the future")));
    }

    /** Only viewer, operator and admin exist within a project. */
    public static InvalidTokenRequestException notAProjectRole(io.berth.server.security.Role role) {
        return new InvalidTokenRequestException("A project token's role is viewer, operator or admin",
                List.of(new Violation("role", "'" + role.value() + "' is not a role within a project: use viewer, operator or admin")));
    }
}
