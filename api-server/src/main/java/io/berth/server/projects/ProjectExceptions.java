package io.berth.server.projects;

import io.berth.server.domain.AlreadyExistsException;
import io.berth.server.domain.ChangedSinceReadException;
import io.berth.server.domain.ConflictException;
import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.NotFoundException;
import io.berth.server.domain.Violation;
import java.util.List;

/** The refusals of the project endpoints, each mapped to its problem type by the kind it extends. */
final class ProjectExceptions {

    private ProjectExceptions() {
    }

    static final class ProjectNotFoundException extends NotFoundException {
        ProjectNotFoundException(String name) {
            super("No project named '" + name + "'");
        }
    }

    static final class ProjectAlreadyExistsException extends AlreadyExistsException {
        ProjectAlreadyExistsException(String name) {
            super("A project named '" + name + "' already exists");
        }
    }

    static final class InvalidProjectException extends InvalidRequestException {
        InvalidProjectException(List<Violation> violations) {
            super("The project has " + violations.size() + " invalid field(s)", violations);
        }
    }

    /** A delete of a project that still holds applications or template sets, or of {@code default}. */
    static final class ProjectInUseException extends ConflictException {
        ProjectInUseException(String message) {
            super(message);
        }
    }

    /** If-Match named a version the project is no longer at. */
    static final class StaleProjectException extends ChangedSinceReadException {
        StaleProjectException(String name) {
            super("Project '" + name + "' has changed since that version was read; read it again and re-apply the change");
        }
    }

    /** A change without If-Match that raced with another writer of the same project: nothing was changed. */
    static final class ConcurrentProjectChangeException extends ConflictException {
        ConcurrentProjectChangeException(String name) {
            super("Project '" + name + "' was changed by another request at the same time; nothing was changed, send it again");
        }
    }
}
