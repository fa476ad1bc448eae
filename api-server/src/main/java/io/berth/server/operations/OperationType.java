package io.berth.server.operations;

/** What an operation does to its application. */
public enum OperationType {
    Deploy, Upgrade, Scale, Rollback, Delete,
    /** Re-applies the current revision as it is: after drift, by hand or by self-heal. */
    Sync
}
