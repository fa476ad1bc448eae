package io.berth.server.metrics;

import io.berth.server.operations.Operation;
import io.berth.server.operations.OperationObserver;
import io.berth.server.operations.OperationRunner;
import io.berth.server.operations.OperationState;
import io.berth.server.operations.OperationStep;
import io.berth.server.operations.OperationType;
import io.berth.server.operations.StepAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Operations by type and result, their steps' durations and attempts, and the operations running now.
 * Counted by the instance that recorded each end, so that a sum over instances counts each once.
 */
@Component
class OperationMetrics implements OperationObserver {

    /** Buckets for durations: a scale of a StatefulSet takes seconds, a wait for an operator minutes. */
    private static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    /** How an operation or a step can end. */
    private static final List<OperationState> ENDS = List.of(OperationState.Succeeded, OperationState.Failed,
            OperationState.Cancelled);

    private final MeterRegistry registry;

    /** The runner reports to this class, so it is looked up when a scrape first asks, not at construction. */
    OperationMetrics(MeterRegistry registry, ObjectProvider<OperationRunner> runner) {
        this.registry = registry;
        // every counter from 0, so that a rate or increase sees the first operation of a kind too
        for (OperationType type : OperationType.values()) {
            ENDS.forEach(end -> operations(type, end));
        }
        for (StepAction action : StepAction.values()) {
            retries(action);
        }
        Gauge.builder("berth.operations.running", runner, r -> {
                    OperationRunner running = r.getIfAvailable();
                    return running == null ? Double.NaN : running.running();
                })
                .description("Operations this instance is running now").strongReference(true).register(registry);
    }

    @Override
    public void operationEnded(Operation operation, OperationState end, Duration took) {
        operations(operation.type(), end).increment();
        if (took != null) {
            Timer.builder("berth.operation.duration").description("From an operation's start to its end")
                    .tag("type", operation.type().name()).tag("result", end.name())
                    .serviceLevelObjectives(DURATION_BUCKETS).register(registry).record(took);
        }
    }

    @Override
    public void stepEnded(Operation operation, OperationStep step, OperationState end, int attempts, Duration took) {
        String action = step.action().name();
        Timer.builder("berth.step.duration").description("From a step's first attempt to its end, retries and pauses included")
                .tag("action", action).tag("result", end.name())
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry).record(took);
        DistributionSummary.builder("berth.step.attempts").description("Attempts a step took until it ended")
                .tag("action", action).tag("result", end.name())
                .serviceLevelObjectives(1, 2, 3, 5, 10).register(registry).record(attempts);
    }

    @Override
    public void attemptRetried(Operation operation, OperationStep step) {
        retries(step.action()).increment();
    }

    private Counter operations(OperationType type, OperationState end) {
        return Counter.builder("berth.operations").description("Operations ended, by type and result")
                .tag("type", type.name()).tag("result", end.name()).register(registry);
    }

    private Counter retries(StepAction action) {
        return Counter.builder("berth.step.retries").description("Failed attempts at a step that were followed by another")
                .tag("action", action.name()).register(registry);
    }
}
