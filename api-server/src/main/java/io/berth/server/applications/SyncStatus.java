package io.berth.server.applications;

/** Whether a target runs what the application's current revision asks for, as far as Berth applied it. */
public enum SyncStatus {
    /** The current revision was applied there. */
    Synced,
    /** A newer revision has not been applied there yet. */
    OutOfSync,
    /** The last attempt to apply (or uninstall) there failed; see lastError. */
    Failed
}
