package io.berth.server.operations;

import java.time.Duration;

/**
 * Told what the runner did, for those who count it (metrics) without the runner knowing them. Called on
 * the runner's threads after the fact is recorded in Postgres, and only by the instance that recorded
 * it, so that an operation or step is told once however many instances share the database. An
 * implementation must be quick and must not throw.
 */
public interface OperationObserver {

    /** Nobody listens: for callers that build a runner by hand. */
    OperationObserver NONE = new OperationObserver() {
        @Override
        public void operationEnded(Operation operation, OperationState end, Duration took) {
        }

        @Override
        public void stepEnded(Operation operation, OperationStep step, OperationState end, int attempts, Duration took) {
        }

        @Override
        public void attemptRetried(Operation operation, OperationStep step) {
        }
    };

    /**
     * An operation ended.
     *
     * @param took from its start (its first claim, which a restart does not reset) to its end; null when
     *             it was cancelled before it started
     */
    void operationEnded(Operation operation, OperationState end, Duration took);

    /**
     * A step ended.
     *
     * @param attempts the attempts it took, those before a restart included
     * @param took     from its first attempt (before a restart included) to its end
     */
    void stepEnded(Operation operation, OperationStep step, OperationState end, int attempts, Duration took);

    /** An attempt at a step failed on its target, and another attempt follows (after a pause). */
    void attemptRetried(Operation operation, OperationStep step);
}
