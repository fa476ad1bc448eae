package io.berth.server.operations;

import io.berth.cluster.ClusterOwnership;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims operations from Postgres and runs them. Any number of Berth instances may share one
 * database: a claim is a lease on the operation's row (taken with {@code for update skip locked},
 * renewed by a heartbeat), so no two instances run one operation, and an operation whose instance
 * died is resumed by whoever claims it after the lease ran out, this instance after a restart included.
 */
@Component
public class OperationRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

    private final OperationStore store;
    private final StepWork work;
    private final OperationSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final OperationObserver observer;
    private final String owner;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("berth-operations"));
    private final ExecutorService operations;
    private final ExecutorService targets;
    private volatile boolean stopping;

    /** @param replica this replica's name ({@code berth.replicas.name}): operations are claimed under it */
    public OperationRunner(OperationStore store, StepWork work, OperationSettings settings, TransactionTemplate tx,
                           Clock clock, OperationObserver observer, ClusterOwnership replica) {
        this.owner = replica.replica();
        this.store = store;
        this.work = work;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.observer = observer;
        this.operations = Executors.newFixedThreadPool(settings.maxRunning(), named("berth-operation"));
        this.targets = Executors.newFixedThreadPool(settings.targetParallelism(), named("berth-target"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.runner()) {
            log.info("The operation runner is switched off (berth.operations.runner=false)");
            return;
        }
        long poll = settings.pollInterval().toMillis();
        long heartbeat = Math.max(settings.leaseDuration().toMillis() / 3, 100);
        scheduler.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        log.info("Operation runner {} started", owner);
    }

    /** Looks for work now rather than at the next poll: called after a new operation is committed. */
    public void nudge() {
        if (settings.runner() && !stopping) {
            scheduler.execute(this::poll);
        }
    }

    /** The name this instance claims operations under. */
    public String owner() {
        return owner;
    }

    /** How many operations this instance is running now. */
    public int running() {
        return running.size();
    }

    private void poll() {
        int free = settings.maxRunning() - running.size();
        if (stopping || free <= 0) {
            return;
        }
        try {
            Instant now = Instant.now(clock);
            List<UUID> claimed = tx.execute(s -> store.claim(owner, now, now.plus(settings.leaseDuration()), free));
            for (UUID id : claimed == null ? List.<UUID>of() : claimed) {
                // an operation of ours whose lease ran out while the database was away comes back here: it
                // is still running on this instance, and a second run of it must not start
                if (running.add(id)) {
                    operations.execute(() -> execute(id));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for operations to run: {}", e.toString());
        }
    }

    private void execute(UUID id) {
        try {
            new OperationExecution(id, owner, store, work, settings.retryPolicy(), targets, tx, clock,
                    () -> stopping, observer).run();
        } finally {
            running.remove(id);
        }
    }

    private void heartbeat() {
        try {
            List<UUID> mine = List.copyOf(running);
            store.renewLeases(owner, mine, Instant.now(clock).plus(settings.leaseDuration()));
            // an operation that just ended is not renewed either, but it keeps this instance as its owner
            int lost = store.lostLeases(owner, mine);
            if (lost > 0) {
                log.warn("{} of {} running operation(s) were claimed by another instance after this one's lease ran out",
                        lost, mine.size());
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew operation leases: {}", e.toString());
        }
    }

    /**
     * Stops claiming, interrupts the steps under way (steps are idempotent: they are redone whole on
     * resume) and hands the leases of the operations that stopped back at once, so that another
     * instance, or this one after a restart, resumes them without waiting for the leases to run out.
     * An operation whose thread did not stop in time keeps its lease: handing it back could let two
     * instances work on one target.
     */
    @Override
    public void destroy() {
        stopping = true;
        scheduler.shutdownNow();
        operations.shutdownNow();
        targets.shutdownNow();
        try {
            targets.awaitTermination(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
            operations.awaitTermination(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            int handedBack = store.releaseLeases(owner, List.copyOf(running));
            if (handedBack > 0) {
                log.info("Stopped with {} operation(s) under way; their leases are handed back for another instance "
                        + "or the next start to resume them", handedBack);
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand back the leases of the operations under way; they resume after their lease ({}): {}",
                    settings.leaseDuration(), e.getClass().getSimpleName());
        }
        if (!running.isEmpty()) {
            log.warn("{} operation(s) did not stop within {}; they resume after their lease ({})", running.size(),
                    settings.stopGrace(), settings.leaseDuration());
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
