package io.berth.template.internal.helm.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.berth.template.HelmLimits;

/**
 * Berth's Helm workers: at most {@link HelmLimits#workers()} processes, each serving one call at a
 * time, kept after a call for the next one (starting a worker costs about a second, a warm render a
 * few tens of milliseconds; see docs/helm-isolation.md). A worker is stopped after
 * {@value #MAX_CALLS_PER_WORKER} calls, when it passed a limit, and when it has been idle for
 * {@link HelmLimits#idleTimeout()}. Calls beyond the number of workers wait for a free one.
 *
 * <p>One watchdog thread looks at the busy workers every {@value #WATCH_PERIOD_MILLIS} ms and kills
 * those past their time limit or holding more than their memory ({@link WorkerProcess#checkLimits}).
 * It looks only while workers run: a Berth that renders no chart does not wake it 50 times a second.
 */
public final class HelmWorkerPool implements AutoCloseable {

    static final int MAX_CALLS_PER_WORKER = 200;
    static final long WATCH_PERIOD_MILLIS = 20;
    private static final long REAP_PERIOD_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(HelmWorkerPool.class);

    private final HelmLimits limits;
    private final Map<String, String> environment;
    private final Semaphore slots;
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final long watchedMemory;
    /** The watchdog's looks at the workers, scheduled while any runs; guarded by {@code live}. */
    private ScheduledFuture<?> watching;
    private volatile boolean closed;

    /**
     * @param environment Berth's environment, of which only harmless variables reach a worker
     *                    ({@link WorkerEnvironment})
     */
    public HelmWorkerPool(HelmLimits limits, Map<String, String> environment) {
        this.limits = limits;
        this.environment = Map.copyOf(environment);
        this.slots = new Semaphore(limits.workers(), true);
        this.watchedMemory = ResidentMemory.measurable() ? limits.memoryBytes() : 0;
        if (watchedMemory == 0) {
            log.warn("The memory of Helm workers cannot be watched on this system (no /proc): only the time limit"
                    + " and, where /bin/sh exists, the kernel's data limit bound a render");
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helm-worker-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::reapIdle, REAP_PERIOD_MILLIS, REAP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    public HelmLimits limits() {
        return limits;
    }

    /**
     * {@code helm template} of a chart directory with a values file.
     *
     * @throws HelmRefused with Helm's message when Helm refuses the chart or the values
     * @throws HelmStopped when the chart made Helm pass a limit or die
     */
    public String template(Path chart, String release, String namespace, Path values) throws HelmRefused, HelmStopped {
        List<String> answer = call(List.of("template", chart.toString(), release, namespace, values.toString()));
        if (answer.size() != 1) {
            throw new IllegalStateException("the Helm worker answered a render with " + answer.size() + " fields");
        }
        return answer.get(0);
    }

    /**
     * {@code helm lint} of a chart directory with its own values: each line of Helm's report and
     * whether the lint failed.
     */
    public LintReport lint(Path chart) throws HelmRefused, HelmStopped {
        List<String> answer = call(List.of("lint", chart.toString()));
        if (answer.isEmpty()) {
            throw new IllegalStateException("the Helm worker answered a lint without a verdict");
        }
        return new LintReport(List.copyOf(answer.subList(1, answer.size())), answer.get(0).equals("failed"));
    }

    public record LintReport(List<String> lines, boolean failed) {
    }

    /** The process ids of the workers running now (for tests and diagnostics). */
    public List<Long> workerPids() {
        return live.stream().map(WorkerProcess::pid).sorted().toList();
    }

    private List<String> call(List<String> request) throws HelmRefused, HelmStopped {
        if (closed) {
            throw new IllegalStateException("the Helm workers are closed");
        }
        HelmRuntime runtime = HelmRuntime.prepared();
        acquireSlot();
        WorkerProcess worker = null;
        boolean keep = false;
        try {
            worker = idleWorker();
            if (worker == null) {
                worker = start(runtime);
            }
            List<String> answer = worker.call(request, limits.timeout(), limits.maxOutputBytes());
            String status = answer.isEmpty() ? "" : answer.get(0);
            keep = status.equals("ok") || status.equals("helm-error");
            return payload(status, answer);
        } catch (HelmStopped stopped) {
            log.info("A Helm worker was stopped: {}", stopped.reason());
            throw stopped;
        } finally {
            release(worker, keep);
            slots.release();
        }
    }

    private static List<String> payload(String status, List<String> answer) throws HelmRefused {
        List<String> rest = answer.subList(Math.min(1, answer.size()), answer.size());
        if (status.equals("ok")) {
            return rest;
        }
        if (status.equals("helm-error")) {
            throw new HelmRefused(rest.isEmpty() ? null : rest.get(0));
        }
        throw new IllegalStateException("the Helm worker failed: " + String.join(": ", answer));
    }

    private void acquireSlot() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Helm worker", e);
        }
    }

    private WorkerProcess idleWorker() {
        List<WorkerProcess> dead = new ArrayList<>();
        WorkerProcess found = null;
        synchronized (idle) {
            while (found == null && !idle.isEmpty()) {
                WorkerProcess candidate = idle.pop();
                if (candidate.reusable(MAX_CALLS_PER_WORKER)) {
                    found = candidate;
                } else {
                    dead.add(candidate);
                }
            }
        }
        dead.forEach(this::retire);
        return found;
    }

    private WorkerProcess start(HelmRuntime runtime) {
        long started = System.nanoTime();
        WorkerProcess worker;
        Path directory = null;
        try {
            directory = PrivateDirectories.create(HelmRuntime.WORKER_PREFIX);
            worker = WorkerProcess.launch(WorkerCommand.of(runtime, limits, directory, environment));
        } catch (IOException e) {
            if (directory != null) {
                PrivateDirectories.delete(directory);
            }
            throw new UncheckedIOException("cannot start a Helm worker", e);
        }
        synchronized (live) {
            live.add(worker);
            if (watching == null && !closed) {
                watching = watchdog.scheduleWithFixedDelay(this::watch, WATCH_PERIOD_MILLIS, WATCH_PERIOD_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
        try {
            worker.awaitReady(limits.timeout());
        } catch (RuntimeException e) {
            retire(worker);
            throw e;
        }
        log.debug("Helm worker {} ready in {} ms (Helm {})", worker.pid(),
                (System.nanoTime() - started) / 1_000_000, worker.helmVersion());
        return worker;
    }

    private void release(WorkerProcess worker, boolean keep) {
        if (worker == null) {
            return;
        }
        if (keep && !closed && worker.reusable(MAX_CALLS_PER_WORKER)) {
            synchronized (idle) {
                idle.push(worker);
            }
        } else {
            retire(worker);
        }
    }

    private void retire(WorkerProcess worker) {
        synchronized (live) {
            live.remove(worker);
            if (live.isEmpty() && watching != null) {
                watching.cancel(false);
                watching = null;
            }
        }
        worker.destroy();
    }

    private void watch() {
        long now = System.nanoTime();
        for (WorkerProcess worker : live) {
            worker.checkLimits(now, watchedMemory);
        }
    }

    private void reapIdle() {
        long now = System.nanoTime();
        List<WorkerProcess> expired = new ArrayList<>();
        synchronized (idle) {
            idle.removeIf(worker -> worker.idleSince(now, limits.idleTimeout()) && expired.add(worker));
        }
        expired.forEach(this::retire);
    }

    /** Stops every worker, busy or idle, and deletes their directories. */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        List<WorkerProcess> all = new ArrayList<>(live);
        synchronized (idle) {
            idle.clear();
        }
        all.forEach(this::retire);
    }
}
