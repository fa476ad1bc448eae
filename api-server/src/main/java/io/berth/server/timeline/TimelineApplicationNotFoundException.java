package io.berth.server.timeline;

import io.berth.server.domain.NotFoundException;

/** An application's timeline or stream was asked for, and there is no such application. */
class TimelineApplicationNotFoundException extends NotFoundException {

    TimelineApplicationNotFoundException(String application) {
        super("No application named '" + application + "'");
    }
}
