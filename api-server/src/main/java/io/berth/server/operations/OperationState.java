package io.berth.server.operations;

/** Life cycle of an operation and of each of its steps. */
public enum OperationState {
    Pending, Running, Succeeded, Failed, Cancelled;

    public boolean isFinished() {
        return this == Succeeded || this == Failed || this == Cancelled;
    }
}
