package io.berth.server.bench.suite;

import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged Berth started as a user starts it, {@code java [options] -jar berth.jar}, as a child
 * process on a data directory, with its output in a log file: the start-up benchmark's unit of work.
 * Unlike the tests' {@code BerthProcess} it adds no JVM option of its own (that one runs C1 only and
 * with a small heap, to make tests faster), since the options are what is being measured.
 *
 * <p>{@link #close()} stops Berth the way an orchestrator does (SIGTERM) and waits until the process and
 * everything it started (the embedded PostgreSQL and its watchdog) are gone, so that the next start on
 * the same data directory is a clean restart and does not share the cores with the last one's shutdown.
 */
final class LaunchedBerth implements AutoCloseable {

    private static final Duration READY_PATIENCE = Duration.ofMinutes(5);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    /** One client for all the polls: a new one per poll would take CPU from the start being measured. */
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path data;
    private final long startedNanos;
    private final Path log;
    private final int port;
    private final Thread killOnExit;

    private LaunchedBerth(Process process, Path data, long startedNanos, Path log, int port) {
        this.process = process;
        this.data = data;
        this.startedNanos = startedNanos;
        this.log = log;
        this.port = port;
        // Should the benchmark's JVM be stopped (Ctrl-C), its child must not outlive it.
        this.killOnExit = new Thread(() -> destroyTree(true));
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> --server.port=… --berth.data-dir=<data> <arguments>} with
     * the output in {@code log}, and returns at once, with the process running.
     */
    static LaunchedBerth start(Path jar, List<String> jvmOptions, Path data, List<String> arguments, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--berth.data-dir=" + data));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        return new LaunchedBerth(builder.start(), data, started, log, port);
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** How long a start took until ready: on the clock, and on the CPUs (Berth's JVM only, all its threads). */
    record Start(Duration wall, Duration cpu) {
    }

    /**
     * Waits until {@code GET /actuator/health/readiness} answers 200, and returns the time since the
     * process was started, as near as the polling (every {@value #POLL_MILLIS} ms) can tell, and the CPU
     * time Berth's JVM had used by then. Readiness is what an orchestrator waits for before it sends
     * traffic: Spring Boot reports it only after the context has started, the web server listens and the
     * application runners have run, and Berth's readiness includes its database.
     */
    Start awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Berth exited at start (" + process.exitValue() + "):\n" + tail());
            }
            if (ready()) {
                Duration wall = Duration.ofNanos(System.nanoTime() - startedNanos);
                return new Start(wall, process.info().totalCpuDuration().orElse(Duration.ZERO));
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("Berth was not ready within " + READY_PATIENCE + ":\n" + tail());
    }

    private boolean ready() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** For a run that ends by itself (a training run): waits for its end and gives its exit code. */
    int awaitExit(Duration patience) throws InterruptedException, IOException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Berth did not exit within " + patience + ":\n" + tail());
        }
        return process.exitValue();
    }

    Api api() {
        return new Api(port);
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM, then SIGKILL past the patience; returns when Berth and all it started have ended. */
    @Override
    public void close() {
        destroyTree(false);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
    }

    private void destroyTree(boolean forcibly) {
        // Taken before the stop: once Berth has ended, its children are no longer its descendants.
        List<ProcessHandle> children = process.descendants().toList();
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        awaitEnd(process.toHandle());
        children.forEach(LaunchedBerth::awaitEnd);
        // A process that had already left the tree (the embedded PostgreSQL of a run that exited by itself
        // stops after Berth, under its watchdog) is found by the data directory on its command line.
        ProcessHandle.allProcesses().filter(this::onTheDataDirectory).toList().forEach(LaunchedBerth::awaitEnd);
    }

    private boolean onTheDataDirectory(ProcessHandle handle) {
        return handle.pid() != ProcessHandle.current().pid()
                && handle.info().commandLine().map(line -> line.contains(data.toString())).orElse(false);
    }

    private static void awaitEnd(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            handle.destroyForcibly();
            handle.onExit().join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
