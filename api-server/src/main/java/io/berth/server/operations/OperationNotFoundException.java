package io.berth.server.operations;

import io.berth.server.domain.NotFoundException;
import java.util.UUID;

/** No operation has the id. */
public class OperationNotFoundException extends NotFoundException {

    public OperationNotFoundException(UUID id) {
        super("No operation with id " + id);
    }
}
