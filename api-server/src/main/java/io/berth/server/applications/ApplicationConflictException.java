package io.berth.server.applications;

import io.berth.server.domain.ConflictException;

/** The application's state does not allow the change; one factory per state that refuses. */
public class ApplicationConflictException extends ConflictException {

    private ApplicationConflictException(String message) {
        super(message);
    }

    /** Upgrade, scale and rollback need an Active application. */
    public static ApplicationConflictException notActive(String application, ApplicationState state) {
        return new ApplicationConflictException("Application '" + application + "' is " + state
                + "; it cannot be changed");
    }

    /** A DELETE of a deleted application without purge: there is nothing left to uninstall. */
    public static ApplicationConflictException deletedAlready(String application) {
        return new ApplicationConflictException("Application '" + application
                + "' is deleted already; DELETE ?purge=true forgets it and its history");
    }

    /** A change of a deleted application, seen under the row lock. */
    public static ApplicationConflictException deleted(String application) {
        return new ApplicationConflictException("Application '" + application
                + "' is deleted; purge it (DELETE ?purge=true) and deploy it anew");
    }

    /** Anything but a DELETE while an application is being deleted. */
    public static ApplicationConflictException beingDeleted(String application) {
        return new ApplicationConflictException("Application '" + application
                + "' is being deleted; only another DELETE may follow a failed uninstall");
    }

    /**
     * Another change recorded a revision after this one read the spec it was checked against: recording
     * it would overwrite that revision unseen. Nothing was changed; sending it again checks it anew.
     */
    public static ApplicationConflictException revisionMovedOn(String application, int currentRevision) {
        return new ApplicationConflictException("Application '" + application + "' got revision " + currentRevision
                + " while this change was being checked; send it again");
    }
}
