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
}
