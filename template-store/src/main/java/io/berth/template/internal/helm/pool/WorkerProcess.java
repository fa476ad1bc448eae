package io.berth.template.internal.helm.pool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.berth.template.internal.helm.pool.HelmStopped.Reason;
import io.berth.template.internal.helm.worker.WorkerWire;

/**
 * One Helm worker process as Berth sees it: launched from a {@link WorkerCommand}, ready once it has
 * answered its handshake, then serving one call at a time over its stdin and stdout.
 *
 * <p>While the handshake or a call runs, the pool's watchdog calls {@link #checkLimits} every few
 * milliseconds: past the deadline, or holding more memory than allowed, the worker is killed (with
 * its process tree) and the reason kept, so the caller's read, which then ends, reports that
 * reason. The answer is read with the output limit as its budget ({@link WorkerWire}): a larger one
 * is refused before it is read, and the worker is killed. A worker that dies by itself is judged
 * from what it wrote on stderr: a Go or Java out-of-memory error counts as the memory limit, another
 * Go fatal error as the chart's, anything else as Berth's own failure.
 */
final class WorkerProcess {

    private static final long IDLE = Long.MAX_VALUE;
    private static final long MAX_HANDSHAKE = 64 * 1024;
    private static final long EXIT_WAIT_MILLIS = 2000;
    private static final List<String> OUT_OF_MEMORY = List.of("out of memory", "OutOfMemoryError",
            "insufficient memory", "annot allocate memory");
    private static final String GO_FATAL = "fatal error: ";
    private static final int MAX_FATAL_SHOWN = 300;

    private final Process process;
    private final Path directory;
    private final OutputStream requests;
    private final InputStream answers;
    private final StderrHead stderr;
    private final AtomicReference<Reason> stoppedFor = new AtomicReference<>();
    private volatile long deadline = IDLE;
    private volatile long idleSince = System.nanoTime();
    private volatile int calls;
    private String helmVersion;

    private WorkerProcess(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
        this.requests = process.getOutputStream();
        this.answers = new BufferedInputStream(process.getInputStream());
        this.stderr = StderrHead.drain(process.getErrorStream(), "helm-worker-" + process.pid() + "-stderr");
    }

    /** Starts the process; its directory's {@code home} and {@code tmp} are created first. */
    static WorkerProcess launch(WorkerCommand command) throws IOException {
        Files.createDirectories(command.directory().resolve("home"));
        Files.createDirectories(command.directory().resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command.command()).directory(command.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        return new WorkerProcess(builder.start(), command.directory());
    }

    /**
     * Waits for the handshake, within the time limit.
     *
     * @throws IllegalStateException when the worker does not start: Berth's failure, not a chart's
     */
    void awaitReady(Duration timeout) {
        begin(timeout);
        try {
            List<String> hello = WorkerWire.read(answers, MAX_HANDSHAKE);
            if (hello.size() == 2 && hello.get(0).equals("ready")) {
                helmVersion = hello.get(1);
                return;
            }
            throw new IllegalStateException("the Helm worker refused to start: " + String.join(": ", hello));
        } catch (IOException | WorkerWire.TooLarge | WorkerWire.Malformed e) {
            throw notStarted(e, timeout);
        } finally {
            end();
        }
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param budget the most bytes the answer may hold
     * @throws HelmStopped           when a limit was passed or Helm died of the chart; the worker is gone
     * @throws IllegalStateException when the worker failed otherwise
     */
    List<String> call(List<String> request, Duration timeout, long budget) throws HelmStopped {
        begin(timeout);
        try {
            WorkerWire.write(requests, request);
            return WorkerWire.read(answers, budget);
        } catch (WorkerWire.TooLarge e) {
            stop(Reason.OUTPUT_LIMIT);
            throw new HelmStopped(Reason.OUTPUT_LIMIT, null);
        } catch (IOException | WorkerWire.Malformed e) {
            throw failed(e);
        } finally {
            end();
            calls++;
        }
    }

    /** Kills the worker when the running call is past its deadline or the worker holds too much memory. */
    void checkLimits(long now, long memoryBytes) {
        long due = deadline;
        if (due == IDLE || stoppedFor.get() != null) {
            return;
        }
        if (now - due > 0) {
            stop(Reason.TIME_LIMIT);
        } else if (memoryBytes > 0 && ResidentMemory.of(process.pid()).orElse(0) > memoryBytes) {
            stop(Reason.MEMORY_LIMIT);
        }
    }

    boolean reusable(int maxCalls) {
        return process.isAlive() && stoppedFor.get() == null && calls < maxCalls;
    }

    boolean idleSince(long now, Duration idleTimeout) {
        return deadline == IDLE && now - idleSince > idleTimeout.toNanos();
    }

    long pid() {
        return process.pid();
    }

    String helmVersion() {
        return helmVersion;
    }

    /** Kills the worker, waits for it and deletes its directory (home, temporary files, all). */
    void destroy() {
        kill();
        try {
            process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(requests);
        closeQuietly(answers);
        PrivateDirectories.delete(directory);
    }

    private void begin(Duration timeout) {
        stderr.mark();
        deadline = System.nanoTime() + timeout.toNanos();
    }

    private void end() {
        deadline = IDLE;
        idleSince = System.nanoTime();
    }

    private void stop(Reason reason) {
        if (stoppedFor.compareAndSet(null, reason)) {
            kill();
        }
    }

    /** SIGKILL, never SIGTERM: helm-java's Go code takes SIGTERM for itself and only cancels the call. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Why the call ended without an answer: a stop of Berth's, Helm dying of the chart, or a failure. */
    private HelmStopped failed(Exception e) {
        Reason reason = stoppedFor.get();
        if (reason != null) {
            return new HelmStopped(reason, null);
        }
        if (!exited()) {
            kill();
            throw new IllegalStateException("the Helm worker broke the protocol: " + e.getMessage(), e);
        }
        String text = stderr.sinceMark();
        if (OUT_OF_MEMORY.stream().anyMatch(text::contains)) {
            return new HelmStopped(Reason.MEMORY_LIMIT, null);
        }
        String fatal = goFatalError(text);
        if (fatal != null) {
            return new HelmStopped(Reason.FATAL_ERROR, fatal);
        }
        throw new IllegalStateException("the Helm worker stopped unexpectedly (exit code " + process.exitValue() + ")", e);
    }

    private IllegalStateException notStarted(Exception e, Duration timeout) {
        Reason reason = stoppedFor.get();
        if (reason == Reason.TIME_LIMIT) {
            return new IllegalStateException("the Helm worker did not start within " + HelmStopped.duration(timeout), e);
        }
        if (reason == Reason.MEMORY_LIMIT) {
            return new IllegalStateException("the Helm worker needs more memory than berth.templates.helm.memory to start", e);
        }
        kill();
        exited();
        // nothing of a chart has reached the worker yet: its stderr is safe to quote
        String text = stderr.sinceMark().strip();
        return new IllegalStateException("the Helm worker did not start: " + e.getMessage()
                + (text.isEmpty() ? "" : " (" + cap(text) + ")"), e);
    }

    /** Waits a little for the worker to exit and for the last of its stderr. */
    private boolean exited() {
        try {
            boolean exited = process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (exited) {
                stderr.awaitEnd(EXIT_WAIT_MILLIS);
            }
            return exited;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first line of a Go fatal error ("fatal error: stack overflow"), which is the runtime's text. */
    static String goFatalError(String stderr) {
        return stderr.lines().filter(line -> line.startsWith(GO_FATAL)).findFirst()
                .map(line -> cap(line.substring(GO_FATAL.length()).strip())).orElse(null);
    }

    private static String cap(String text) {
        return text.length() <= MAX_FATAL_SHOWN ? text : text.substring(0, MAX_FATAL_SHOWN) + "…";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the worker is gone; nothing to release beyond the descriptor
        }
    }
}
