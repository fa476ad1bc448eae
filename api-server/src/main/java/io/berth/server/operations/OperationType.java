package io.berth.server.operations;

/** What an operation does to its application. */
public enum OperationType {
    Deploy, Upgrade, Scale, Rollback, Delete
}
