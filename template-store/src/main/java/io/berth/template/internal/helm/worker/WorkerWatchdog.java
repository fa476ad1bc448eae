package io.berth.template.internal.helm.worker;

import java.util.Optional;

/**
 * The worker's own last line against outliving Berth: it halts the worker when the process that
 * started it is gone (deleting the worker's directory first), or when one call runs
 * {@value #GRACE_MILLIS} ms past its time limit. Berth
 * kills a worker at the limit itself; this only matters when Berth could not (it crashed, or was
 * killed), so that no orphaned worker loops on.
 */
final class WorkerWatchdog {

    static final long GRACE_MILLIS = 5000;
    private static final long PERIOD_MILLIS = 250;

    private final Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    private final long limitNanos;
    private volatile long deadline = Long.MAX_VALUE;

    private WorkerWatchdog(long limitMillis) {
        this.limitNanos = (limitMillis + GRACE_MILLIS) * 1_000_000;
    }

    static WorkerWatchdog start(long limitMillis) {
        WorkerWatchdog watchdog = new WorkerWatchdog(limitMillis);
        Thread thread = new Thread(watchdog::watch, "worker-watchdog");
        thread.setDaemon(true);
        thread.start();
        return watchdog;
    }

    void jobStarted() {
        deadline = System.nanoTime() + limitNanos;
    }

    void jobEnded() {
        deadline = Long.MAX_VALUE;
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (parent.isEmpty() || !parent.get().isAlive()) {
                OwnDirectory.remove();
                Runtime.getRuntime().halt(70);
            }
            long due = deadline;
            if (due != Long.MAX_VALUE && System.nanoTime() - due > 0) {
                Runtime.getRuntime().halt(71);
            }
        }
    }
}
