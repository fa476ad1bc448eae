package io.berth.server.domain;

/**
 * The request cannot be carried out in the resource's current state; nothing was changed. Another
 * writer may just have made that state, so a retry of the same request that raced with its twin
 * fails this way too.
 */
public abstract class ConflictException extends RuntimeException {

    protected ConflictException(String message) {
        super(message, null, false, false);
    }
}
