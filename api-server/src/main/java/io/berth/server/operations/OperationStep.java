package io.berth.server.operations;

import java.time.Instant;

/** One target's share of an operation, as stored. */
public record OperationStep(int position, String cluster, String namespace, StepAction action, OperationState state,
                            int attempts, String lastError, Instant startedAt, Instant finishedAt) {
}
