package io.berth.server.domain;

/**
 * The caller asked to change the version of a resource it read, and the resource has changed since
 * (also while this very request was being handled); nothing was changed. Read it again, re-apply.
 */
public abstract class ChangedSinceReadException extends RuntimeException {

    protected ChangedSinceReadException(String message) {
        super(message, null, false, false);
    }
}
