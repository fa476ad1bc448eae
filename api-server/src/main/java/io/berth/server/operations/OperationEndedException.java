package io.berth.server.operations;

import io.berth.server.domain.ConflictException;
import java.util.UUID;

/** The operation has ended (succeeded, failed or was cancelled): there is nothing left to cancel. */
public class OperationEndedException extends ConflictException {

    public OperationEndedException(UUID id, OperationState state) {
        super("Operation " + id + " has ended (" + state + "); nothing to cancel");
    }
}
