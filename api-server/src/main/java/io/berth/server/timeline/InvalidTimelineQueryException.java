package io.berth.server.timeline;

import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.Violation;
import java.util.List;

/** A timeline or stream asked for with a filter or position that cannot be. */
class InvalidTimelineQueryException extends InvalidRequestException {

    InvalidTimelineQueryException(String field, String message) {
        super(message, List.of(new Violation(field, message)));
    }
}
