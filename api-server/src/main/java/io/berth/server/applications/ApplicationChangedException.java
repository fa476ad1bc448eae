package io.berth.server.applications;

import io.berth.server.domain.ChangedSinceReadException;

/** The application's version is no longer the one the caller read and expects (If-Match). */
public class ApplicationChangedException extends ChangedSinceReadException {

    private ApplicationChangedException(String message) {
        super(message);
    }

    /** A change of the application: the detail names the current version to read. */
    public static ApplicationChangedException beforeChange(String application, long currentVersion) {
        return new ApplicationChangedException("Application '" + application
                + "' has changed since you read it (ETag \"" + currentVersion + "\"); read it again");
    }

    /** The purge of a deleted application. */
    public static ApplicationChangedException beforePurge(String application) {
        return new ApplicationChangedException("Application '" + application + "' has changed since you read it");
    }
}
