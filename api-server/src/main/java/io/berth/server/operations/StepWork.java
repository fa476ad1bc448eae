package io.berth.server.operations;

import java.util.function.BooleanSupplier;

/**
 * What the runner does not know by itself: how to perform one step on its target, and what to record
 * when a step fails or an operation ends. The application feature implements it; the runner owns
 * claiming, leases, retries and states.
 */
public interface StepWork {

    /**
     * One attempt at a step. Must be idempotent: a resumed operation repeats a step that may have been
     * done half or whole. Throws when the attempt failed.
     */
    void perform(Operation operation, OperationStep step, BooleanSupplier cancelled);

    /** Whether a failed attempt is worth repeating (a cluster that did not answer) or final (an invalid object). */
    boolean retryable(Throwable error);

    /** A message for the failure that is safe to store and show. */
    String describe(OperationStep step, Throwable error);

    /** Records a step's final failure on the application's side (its target's sync state). */
    void stepFailed(Operation operation, OperationStep step, String error);

    /** Bookkeeping when an operation ends, in the transaction that records its end. */
    void finished(Operation operation, OperationState state, String error);
}
