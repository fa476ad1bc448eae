package io.berth.server.operations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** A step whose work meets Berth's own database down is neither failed nor blamed on its target: it waits and goes on. */
class DatabaseFaultsInStepsTest {

    private final UUID id = UUID.randomUUID();
    private final OperationStore store = mock(OperationStore.class);
    private final StepWork work = mock(StepWork.class);
    private final TransactionTemplate tx = mock(TransactionTemplate.class);
    private final ExecutorService targets = Executors.newSingleThreadExecutor();
    private final OperationStep step = new OperationStep(0, "sim-1", "shop", StepAction.Apply, OperationState.Pending,
            0, null, null, null);
    private final Operation operation = new Operation(id, "web", OperationType.Deploy, OperationState.Running, 1,
            OperationOptions.apply(false, null), "admin", "req-1", null, false, Instant.now(), Instant.now(), null, List.of(step));

    @AfterEach
    void stop() {
        targets.shutdownNow();
    }

    @Test
    void aDatabaseFaultDuringAStepIsWaitedOutAndNotRecordedAgainstTheTarget() {
        when(store.find(id)).thenReturn(Optional.of(operation));
        when(store.startAttempt(eq(id), anyInt(), anyString(), any())).thenReturn(true);
        doThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))
                .doNothing().when(work).perform(any(), any(), any());
        OperationStep done = new OperationStep(0, "sim-1", "shop", StepAction.Apply, OperationState.Succeeded, 2, null, null, null);
        when(store.steps(id)).thenReturn(List.of(done));
        when(store.finish(eq(id), anyString(), eq(OperationState.Succeeded), any(), any())).thenReturn(true);
        doAnswer(call -> {
            call.<Consumer<TransactionStatus>>getArgument(0).accept(null);
            return null;
        }).when(tx).executeWithoutResult(any());

        new OperationExecution(id, "me", store, work, new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                targets, tx, Clock.systemUTC(), () -> false, OperationObserver.NONE).run();

        verify(store).finishStep(eq(id), eq(0), eq("me"), eq(OperationState.Succeeded), eq(null), any());
        verify(store, never()).recordAttemptError(any(), anyInt(), any(), any());
        verify(work, never()).describe(any(), any());
        verify(work, never()).stepFailed(any(), any(), any());
        verify(work).finished(operation, OperationState.Succeeded, null);
    }

    @Test
    void aFailureOfTheTargetStillCountsAgainstItsAttempts() {
        when(store.find(id)).thenReturn(Optional.of(operation));
        when(store.startAttempt(eq(id), anyInt(), anyString(), any())).thenReturn(true);
        IllegalArgumentException refused = new IllegalArgumentException("the cluster refused it");
        doThrow(refused).when(work).perform(any(), any(), any());
        when(work.retryable(refused)).thenReturn(true);
        when(work.describe(step, refused)).thenReturn("the cluster refused it");
        when(store.steps(id)).thenReturn(List.of(new OperationStep(0, "sim-1", "shop", StepAction.Apply, OperationState.Failed,
                1, "the cluster refused it", null, null)));

        new OperationExecution(id, "me", store, work, new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                targets, tx, Clock.systemUTC(), () -> false, OperationObserver.NONE).run();

        verify(store).finishStep(eq(id), eq(0), eq("me"), eq(OperationState.Failed), eq("the cluster refused it"), any());
        verify(work).stepFailed(operation, step, "the cluster refused it");
    }
}
