package io.berth.server.domain;

/** What the request names does not exist. */
public abstract class NotFoundException extends RuntimeException {

    protected NotFoundException(String message) {
        // refusals are answers, not faults: no stack trace to fill in or to log
        super(message, null, false, false);
    }
}
