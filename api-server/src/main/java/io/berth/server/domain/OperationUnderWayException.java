package io.berth.server.domain;

import java.util.UUID;

/** The conflict of a resource that is busy: an operation on it is under way, and the caller may wait for it or cancel it. */
public abstract class OperationUnderWayException extends ConflictException {

    private final UUID activeOperationId;

    protected OperationUnderWayException(String message, UUID activeOperationId) {
        super(message);
        this.activeOperationId = activeOperationId;
    }

    /** The operation to wait for or to cancel. */
    public UUID activeOperationId() {
        return activeOperationId;
    }
}
