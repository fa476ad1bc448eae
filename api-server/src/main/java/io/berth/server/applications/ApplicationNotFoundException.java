package io.berth.server.applications;

import io.berth.server.domain.NotFoundException;

/** No application has the name (a purged one is forgotten). */
public class ApplicationNotFoundException extends NotFoundException {

    public ApplicationNotFoundException(String name) {
        super("No application named '" + name + "'");
    }
}
