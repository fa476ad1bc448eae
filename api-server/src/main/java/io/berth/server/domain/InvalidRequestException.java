package io.berth.server.domain;

import java.util.List;

/** The request is understood but asks for something that cannot be: every violation at once, never only the first. */
public abstract class InvalidRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    protected InvalidRequestException(String message, List<Violation> violations) {
        super(message, null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
