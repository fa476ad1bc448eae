package io.berth.server.operations;

import io.berth.server.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading and cancelling operations. */
@Service
public class OperationService {

    private final OperationStore store;
    private final StepWork work;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OperationObserver observer;

    OperationService(OperationStore store, StepWork work, AuditLog audit, TransactionTemplate tx, Clock clock,
                     OperationObserver observer) {
        this.store = store;
        this.work = work;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.observer = observer;
    }

    public Operation get(UUID id) {
        return store.find(id).orElseThrow(() -> new OperationNotFoundException(id));
    }

    public List<Operation> list(String application, OperationState state, Instant beforeCreatedAt, UUID beforeId,
                                int limit) {
        return store.list(application, state, beforeCreatedAt, beforeId, limit);
    }

    /**
     * Cancels an operation. One that has not started ends at once; a running one stops starting new
     * attempts, lets the calls in flight finish, and ends {@code Cancelled} (targets it did not reach
     * stay as they were). Cancelling twice is harmless; cancelling a finished operation is refused
     * ({@link OperationEndedException}).
     */
    public Operation cancel(UUID id, String actor, String requestId) {
        Operation endedUnstarted = tx.execute(status -> {
            OperationState state = store.lockState(id).orElseThrow(() -> new OperationNotFoundException(id));
            if (state.isFinished()) {
                throw new OperationEndedException(id, state);
            }
            Operation operation = store.find(id).orElseThrow();
            boolean unstarted = store.cancelPending(id, Instant.now(clock));
            if (unstarted) {
                work.finished(operation, OperationState.Cancelled, null);
            } else {
                store.requestCancel(id);
            }
            audit.record(actor, "Cancel", operation.application(), List.of(), "Accepted", requestId, id, null);
            return unstarted ? operation : null;
        });
        if (endedUnstarted != null) {
            observer.operationEnded(endedUnstarted, OperationState.Cancelled, null);
        }
        return get(id);
    }
}
