package io.berth.server.applications;

import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.Violation;
import java.util.List;

/**
 * The caller sent an Idempotency-Key it had used for a different request: answering with that
 * request's operation would be wrong, and starting another would break the key's promise.
 */
public class IdempotencyKeyReusedException extends InvalidRequestException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for another request; use a new key for a new request",
                List.of(new Violation("Idempotency-Key", "already used for a different request")));
    }
}
