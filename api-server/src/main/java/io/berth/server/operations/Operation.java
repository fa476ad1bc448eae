package io.berth.server.operations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A durable unit of asynchronous work on one application, as stored and as the API shows it.
 *
 * @param revision the application revision it makes real; null for a Delete
 */
public record Operation(UUID id, String application, OperationType type, OperationState state, Integer revision,
                        OperationOptions options, String requestedBy, String requestId, String error,
                        boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt,
                        List<OperationStep> steps) {
}
