package io.berth.server.applications;

import io.berth.server.domain.AlreadyExistsException;

/** A deploy of a name that is taken, also by a deleted application that was not purged. */
public class ApplicationAlreadyExistsException extends AlreadyExistsException {

    public ApplicationAlreadyExistsException(String name) {
        super("An application named '" + name
                + "' exists (a deleted one keeps its name until purged with DELETE ?purge=true)");
    }
}
