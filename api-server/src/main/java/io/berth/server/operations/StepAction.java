package io.berth.server.operations;

/** What a step does on its target. */
public enum StepAction {
    /** Render the revision for the target, server-side apply it, prune what it no longer has, optionally wait. */
    Apply,
    /** Delete what Berth applied on the target, in reverse order; PVCs kept unless asked. */
    Uninstall,
    /** Scale one workload on the target. */
    Scale,
    /** Take a one-shot backup of the target's workloads that declare one. */
    Backup,
    /** Restore the target's workload from a backup. */
    Restore,
    /** Create, change or remove the target's periodic backup. */
    Schedule
}
