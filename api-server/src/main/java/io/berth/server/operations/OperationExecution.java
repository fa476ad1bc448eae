package io.berth.server.operations;

import io.berth.server.database.DatabaseFaults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed operation to its end: every step that has not succeeded yet, targets in parallel,
 * each with retries; then the operation's end state. Steps that had succeeded before a restart are
 * not repeated; a step that was under way is repeated whole (steps are idempotent).
 */
final class OperationExecution {

    private static final Logger log = LoggerFactory.getLogger(OperationExecution.class);
    private static final Duration CANCEL_CHECK = Duration.ofMillis(200);
    private static final Duration DATABASE_RETRY = Duration.ofSeconds(2);

    private final UUID id;
    private final String owner;
    private final OperationStore store;
    private final StepWork work;
    private final RetryPolicy retry;
    private final ExecutorService targets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final OperationObserver observer;
    /** When each step of this run began: its first attempt ever, or now for a step not tried before. */
    private final Map<Integer, Instant> stepStarts = new ConcurrentHashMap<>();

    OperationExecution(UUID id, String owner, OperationStore store, StepWork work, RetryPolicy retry,
                       ExecutorService targets, TransactionTemplate tx, Clock clock, BooleanSupplier stopping,
                       OperationObserver observer) {
        this.id = id;
        this.owner = owner;
        this.store = store;
        this.work = work;
        this.retry = retry;
        this.targets = targets;
        this.tx = tx;
        this.clock = clock;
        this.stopping = stopping;
        this.observer = observer;
    }

    void run() {
        Operation operation = store.find(id).orElse(null);
        if (operation == null) {
            return;
        }
        MDC.put("operationId", id.toString());
        MDC.put("application", operation.application());
        try {
            log.info("Running {} operation {} on {} target(s)", operation.type(), id, operation.steps().size());
            List<Future<?>> running = new ArrayList<>();
            for (OperationStep step : operation.steps()) {
                if (!step.state().isFinished()) {
                    running.add(targets.submit(() -> runStep(operation, step)));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
            if (!stopping.getAsBoolean()) {
                finish(operation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.error("Operation {} stopped on an unexpected error; it is resumed once its lease runs out", id, e.getCause());
        } catch (RuntimeException e) {
            if (!DatabaseFaults.isUnavailable(e)) {
                throw e;
            }
            log.warn("Operation {} could not record its end: the database is unavailable; it is resumed once its lease runs out", id);
        } finally {
            MDC.remove("operationId");
            MDC.remove("application");
        }
    }

    private void runStep(Operation operation, OperationStep step) {
        MDC.put("operationId", id.toString());
        MDC.put("application", operation.application());
        MDC.put("cluster", step.cluster());
        MDC.put("namespace", step.namespace());
        stepStarts.put(step.position(), step.startedAt() != null ? step.startedAt() : now());
        try {
            attempts(operation, step);
        } finally {
            MDC.clear();
        }
    }

    private void attempts(Operation operation, OperationStep step) {
        int attempt = step.attempts() + 1;
        while (true) {
            try {
                if (!attempt(operation, step, attempt)) {
                    return;
                }
                attempt++;
            } catch (RuntimeException e) {
                if (!DatabaseFaults.isUnavailable(e)) {
                    throw e;
                }
                // Berth's own database failed, not the target: nothing is recorded against the step, and the
                // attempt is made again once the database answers (a lost lease is noticed by the next start)
                log.warn("{} on {}/{} waits for the database, which is unavailable ({})", step.action(), step.cluster(),
                        step.namespace(), e.getClass().getSimpleName());
                if (!pause(DATABASE_RETRY, () -> false)) {
                    return;
                }
            }
        }
    }

    /** One attempt at a step; true when another attempt follows. */
    private boolean attempt(Operation operation, OperationStep step, int attempt) {
        BooleanSupplier cancelled = () -> store.cancelRequested(id);
        if (cancelled.getAsBoolean()) {
            endStep(operation, step, OperationState.Cancelled, null, attempt - 1);
            return false;
        }
        if (stopping.getAsBoolean() || !store.startAttempt(id, step.position(), owner, now())) {
            return false; // shutting down, or another instance holds the operation now
        }
        try {
            work.perform(operation, step, cancelled);
            endStep(operation, step, OperationState.Succeeded, null, attempt);
            return false;
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                return false; // an interrupted call is no failure of the target: the step is redone on resume
            }
            if (DatabaseFaults.isUnavailable(e)) {
                throw e;
            }
            if (e instanceof CancellationException && cancelled.getAsBoolean()) {
                endStep(operation, step, OperationState.Cancelled, "Cancelled", attempt);
                return false;
            }
            return failedAttempt(operation, step, attempt, e) && pause(retry.delayAfter(attempt), cancelled);
        }
    }

    /** Records a failed attempt; true when another attempt follows. */
    private boolean failedAttempt(Operation operation, OperationStep step, int attempt, RuntimeException e) {
        String message = work.describe(step, e);
        if (!work.retryable(e) || !retry.mayRetryAfter(attempt)) {
            log.warn("{} on {}/{} failed after {} attempt(s): {}", step.action(), step.cluster(), step.namespace(),
                    attempt, message);
            endStep(operation, step, OperationState.Failed, message, attempt);
            work.stepFailed(operation, step, message);
            return false;
        }
        log.info("{} on {}/{} failed (attempt {}), retrying in {}: {}", step.action(), step.cluster(), step.namespace(),
                attempt, retry.delayAfter(attempt), message);
        if (store.recordAttemptError(id, step.position(), owner, message)) {
            observer.attemptRetried(operation, step);
        }
        return true;
    }

    /** Records a step's end; the observer hears of it only when this instance still held the operation. */
    private void endStep(Operation operation, OperationStep step, OperationState end, String error, int attempts) {
        Instant now = now();
        if (store.finishStep(id, step.position(), owner, end, error, now)) {
            Instant started = stepStarts.getOrDefault(step.position(), now);
            observer.stepEnded(operation, step, end, attempts, Duration.between(started, now));
        }
    }

    /** Waits out a backoff pause; false when it was cut short by shutdown (a cancel is seen by the next loop). */
    private boolean pause(Duration delay, BooleanSupplier cancelled) {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < end) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (cancelled.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Math.min(CANCEL_CHECK.toNanos(), end - System.nanoTime()));
        }
        return true;
    }

    private void finish(Operation operation) {
        List<OperationStep> steps = store.steps(id);
        boolean cancelRequested = store.cancelRequested(id);
        List<OperationStep> failed = steps.stream().filter(s -> s.state() == OperationState.Failed).toList();
        boolean anyCancelled = steps.stream().anyMatch(s -> s.state() == OperationState.Cancelled);
        boolean unfinished = steps.stream().anyMatch(s -> !s.state().isFinished());
        if (unfinished) {
            return; // lost the lease half-way: whoever holds it now finishes
        }
        OperationState end = cancelRequested && anyCancelled ? OperationState.Cancelled
                : !failed.isEmpty() ? OperationState.Failed
                : anyCancelled ? OperationState.Cancelled : OperationState.Succeeded;
        String error = failed.isEmpty() ? null : "Failed on " + failed.size() + " of " + steps.size() + " target(s): "
                + failed.stream().map(s -> s.cluster() + "/" + s.namespace() + " (" + s.lastError() + ")")
                .collect(Collectors.joining("; "));
        Instant now = now();
        AtomicBoolean ended = new AtomicBoolean();
        tx.executeWithoutResult(status -> {
            if (store.finish(id, owner, end, error, now)) {
                work.finished(operation, end, error);
                ended.set(true);
            }
        });
        if (ended.get()) {
            // told after the commit: an end rolled back is no end
            observer.operationEnded(operation, end,
                    operation.startedAt() == null ? null : Duration.between(operation.startedAt(), now));
        }
        log.info("{} operation {} ended {}", operation.type(), id, end);
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
