package io.berth.server.applications;

import io.berth.server.domain.NotFoundException;

/** The application exists but has no revision with that number. */
public class RevisionNotFoundException extends NotFoundException {

    public RevisionNotFoundException(String application, int revision) {
        super("Application '" + application + "' has no revision " + revision);
    }
}
