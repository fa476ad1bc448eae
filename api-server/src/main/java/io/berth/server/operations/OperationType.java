package io.berth.server.operations;

/** What an operation does to its application. */
public enum OperationType {
    Deploy, Upgrade, Scale, Rollback, Delete,
    /** Re-applies the current revision as it is: after drift, by hand or by self-heal. */
    Sync,
    /** Backs up the workloads' data through their operators (a one-shot backup per target). */
    Backup,
    /** Rebuilds a workload from one of its backups through its operator; replaces the live data. */
    Restore,
    /** Sets or removes the application's backup schedule (the operators' periodic backups). */
    Schedule
}
