package io.berth.server.backups;

import io.berth.server.domain.AlreadyExistsException;
import io.berth.server.domain.ChangedSinceReadException;
import io.berth.server.domain.ConflictException;
import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.NotFoundException;
import io.berth.server.domain.Violation;
import java.util.List;

/** The refusals of the backup endpoints, each mapped to its problem type by the kind it extends. */
final class BackupExceptions {

    private BackupExceptions() {
    }

    static final class LocationNotFoundException extends NotFoundException {
        LocationNotFoundException(String name) {
            super("No backup location named '" + name + "'");
        }
    }

    static final class LocationAlreadyExistsException extends AlreadyExistsException {
        LocationAlreadyExistsException(String name) {
            super("A backup location named '" + name + "' already exists");
        }
    }

    /** A location that backups or a schedule still refer to: their objects would lose where they are. */
    static final class LocationInUseException extends ConflictException {
        LocationInUseException(String name) {
            super("The backup location '" + name + "' holds backups or a schedule of an application; it cannot be deleted");
        }
    }

    /** A change made against a version of the location that is no longer the current one. */
    static final class StaleLocationException extends ChangedSinceReadException {
        StaleLocationException(String name, long expected, Long current) {
            super("The backup location '" + name + "' has changed since version " + expected
                    + (current == null ? "" : " (it is at version " + current + ")"));
        }
    }

    /** A change without If-Match that raced with another writer of the location. */
    static final class LocationChangedMeanwhileException extends ConflictException {
        LocationChangedMeanwhileException(String name) {
            super("The backup location '" + name + "' was changed by another request meanwhile; nothing was changed");
        }
    }

    static final class BackupNotFoundException extends NotFoundException {
        BackupNotFoundException(String application, String id) {
            super("Application '" + application + "' has no backup " + id);
        }
    }

    static final class ScheduleNotFoundException extends NotFoundException {
        ScheduleNotFoundException(String application) {
            super("Application '" + application + "' has no backup schedule");
        }
    }

    static final class InvalidBackupRequestException extends InvalidRequestException {
        InvalidBackupRequestException(String message, List<Violation> violations) {
            super(message, violations);
        }

        static InvalidBackupRequestException of(String field, String message) {
            return new InvalidBackupRequestException(message, List.of(new Violation(field, message)));
        }
    }
}
