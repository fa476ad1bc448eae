package io.berth.server.operations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.server.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** What the runner tells its observer: each end once, by the instance that recorded it, and each retry. */
class OperationObserverTest {

    private final UUID id = UUID.randomUUID();
    private final OperationStore store = mock(OperationStore.class);
    private final StepWork work = mock(StepWork.class);
    private final TransactionTemplate tx = mock(TransactionTemplate.class);
    private final OperationObserver observer = mock(OperationObserver.class);
    private final ExecutorService targets = Executors.newSingleThreadExecutor();
    private final OperationStep step = new OperationStep(0, "sim-1", "shop", StepAction.Apply, OperationState.Pending,
            0, null, null, null);
    private final Operation operation = new Operation(id, "web", OperationType.Deploy, OperationState.Running, 1,
            OperationOptions.apply(false, null), "admin", "req-1", null, false, Instant.now(), Instant.now().minusSeconds(3),
            null, List.of(step));

    @BeforeEach
    void runTransactions() {
        doAnswer(call -> {
            call.<Consumer<TransactionStatus>>getArgument(0).accept(null);
            return null;
        }).when(tx).executeWithoutResult(any());
        when(store.find(id)).thenReturn(Optional.of(operation));
        when(store.startAttempt(eq(id), anyInt(), anyString(), any())).thenReturn(true);
    }

    @AfterEach
    void stop() {
        targets.shutdownNow();
    }

    @Test
    void aStepThatSucceedsOnItsSecondAttemptIsOneRetryTwoAttemptsAndASucceededOperation() {
        RuntimeException refused = new IllegalArgumentException("the cluster did not answer");
        doThrow(refused).doNothing().when(work).perform(any(), any(), any());
        when(work.retryable(refused)).thenReturn(true);
        when(work.describe(step, refused)).thenReturn("the cluster did not answer");
        when(store.recordAttemptError(eq(id), eq(0), eq("me"), any())).thenReturn(true);
        when(store.finishStep(eq(id), eq(0), eq("me"), eq(OperationState.Succeeded), isNull(), any())).thenReturn(true);
        when(store.steps(id)).thenReturn(List.of(ended(OperationState.Succeeded, 2)));
        when(store.finish(eq(id), eq("me"), eq(OperationState.Succeeded), isNull(), any())).thenReturn(true);

        run();

        verify(observer).attemptRetried(operation, step);
        verify(observer).stepEnded(eq(operation), eq(step), eq(OperationState.Succeeded), eq(2),
                argThat(took -> !took.isNegative()));
        verify(observer).operationEnded(eq(operation), eq(OperationState.Succeeded),
                argThat(took -> took.compareTo(Duration.ofSeconds(3)) >= 0));
    }

    @Test
    void anInstanceThatLostTheOperationTellsOfNoEnd() {
        doNothing().when(work).perform(any(), any(), any());
        when(store.finishStep(any(), anyInt(), any(), any(), any(), any())).thenReturn(false);
        when(store.steps(id)).thenReturn(List.of(ended(OperationState.Succeeded, 1)));
        when(store.finish(any(), any(), any(), any(), any())).thenReturn(false);

        run();

        verify(observer, never()).stepEnded(any(), any(), any(), anyInt(), any());
        verify(observer, never()).operationEnded(any(), any(), any());
    }

    @Test
    void aFinalFailureIsAFailedStepWithoutARetry() {
        RuntimeException invalid = new IllegalStateException("invalid object");
        doThrow(invalid).when(work).perform(any(), any(), any());
        when(work.retryable(invalid)).thenReturn(false);
        when(work.describe(step, invalid)).thenReturn("invalid object");
        when(store.finishStep(eq(id), eq(0), eq("me"), eq(OperationState.Failed), eq("invalid object"), any())).thenReturn(true);
        when(store.steps(id)).thenReturn(List.of(ended(OperationState.Failed, 1)));
        when(store.finish(eq(id), eq("me"), eq(OperationState.Failed), any(), any())).thenReturn(true);

        run();

        verify(observer, never()).attemptRetried(any(), any());
        verify(observer).stepEnded(eq(operation), eq(step), eq(OperationState.Failed), eq(1), any());
        verify(observer).operationEnded(eq(operation), eq(OperationState.Failed), any());
    }

    @Test
    void anOperationCancelledBeforeItStartedEndsCancelledWithoutADuration() {
        Operation pending = new Operation(id, "web", OperationType.Scale, OperationState.Pending, 1,
                OperationOptions.apply(false, null), "admin", "req-1", null, false, Instant.now(), null, null, List.of(step));
        when(tx.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        when(store.lockState(id)).thenReturn(Optional.of(OperationState.Pending));
        when(store.find(id)).thenReturn(Optional.of(pending));
        when(store.cancelPending(eq(id), any())).thenReturn(true);

        new OperationService(store, work, mock(AuditLog.class), tx, Clock.systemUTC(), observer).cancel(id, "admin", "req-2");

        verify(observer).operationEnded(pending, OperationState.Cancelled, null);
    }

    @Test
    void aCancelOfARunningOperationIsNoEndYet() {
        when(tx.execute(any())).thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        when(store.lockState(id)).thenReturn(Optional.of(OperationState.Running));
        when(store.cancelPending(eq(id), any())).thenReturn(false);

        new OperationService(store, work, mock(AuditLog.class), tx, Clock.systemUTC(), observer).cancel(id, "admin", "req-2");

        verify(store).requestCancel(id);
        verify(observer, never()).operationEnded(any(), any(), any());
    }

    private void run() {
        new OperationExecution(id, "me", store, work, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10)),
                targets, tx, Clock.systemUTC(), () -> false, observer).run();
    }

    private OperationStep ended(OperationState state, int attempts) {
        return new OperationStep(0, "sim-1", "shop", StepAction.Apply, state, attempts, null, null, Instant.now());
    }
}
