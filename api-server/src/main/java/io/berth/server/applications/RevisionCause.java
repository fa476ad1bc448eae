package io.berth.server.applications;

/** What made a revision. */
public enum RevisionCause {
    Deploy, Upgrade, Scale, Rollback
}
