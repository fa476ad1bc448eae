package io.berth.server.applications;

import io.berth.server.domain.OperationUnderWayException;
import java.util.UUID;

/** The application has an operation under way: one operation at a time per application. */
public class ApplicationBusyException extends OperationUnderWayException {

    public ApplicationBusyException(String application, UUID activeOperationId) {
        super("Application '" + application + "' has operation " + activeOperationId
                + " under way; wait for it to end (GET /api/v1/operations/" + activeOperationId + ") or cancel it",
                activeOperationId);
    }
}
