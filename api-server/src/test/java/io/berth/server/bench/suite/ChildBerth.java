package io.berth.server.bench.suite;

import io.berth.server.BerthApplication;
import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * A whole Berth in an operating-system process of its own, started from the benchmark's class path with
 * plain JVM flags (only a modest heap), so that its CPU time can be read apart from the benchmark's JVM,
 * where the simulated clusters run. Unlike the tests' {@code BerthProcess} it does not limit the JIT
 * ({@code -XX:TieredStopAtLevel=1} makes starts quick but steady-state code slower, which is not what a
 * deployed Berth runs), except when asked to for a smoke run.
 *
 * <p>Its embedded PostgreSQL runs as child processes of Berth's JVM: a reading gives the JVM
 * alone and with every live descendant (a process that ended between two readings
 * takes its CPU time with it, so that reading is a lower bound; the connection pool keeps its backends
 * alive, so little is lost). Both are read at once by {@link #cpu()}.
 *
 * <p>With the system property {@code bench.jfr=DIR} the child records a Java Flight Recording
 * ({@code settings=profile}) into {@code DIR/<name>.jfr}, written when it stops; read it with
 * {@code jfr print --events jdk.ExecutionSample} or {@code jfr summary}. Profiling adds its own CPU.
 */
final class ChildBerth implements AutoCloseable {

    private static final String HEAP = "-Xmx512m";
    /** Only for runs whose figures mean nothing (smoke): starts sooner, runs slower. */
    private static final String QUICK_START = "-XX:TieredStopAtLevel=1";
    /** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on Linux whatever the kernel's own tick. */
    private static final long TICKS_PER_SECOND = 100;

    /** CPU time used so far by Berth's JVM alone, and by it with its live descendants, read together. */
    record Cpu(Duration jvm, Duration withChildren) {

        Cpu since(Cpu earlier) {
            return new Cpu(jvm.minus(earlier.jvm), withChildren.minus(earlier.withChildren));
        }
    }

    private final Process process;
    private final Path directory;
    private final Path log;
    private final int port;

    private ChildBerth(Process process, Path directory, Path log, int port) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Berth with the admin token {@link BenchBerth#TOKEN}, on an embedded PostgreSQL of its own in a
     * temporary directory (deleted on close), with the settings given on top of its defaults, and waits until
     * it is ready. With {@code quickStart} the JIT is limited to its first tier, as in the tests: for smoke runs only.
     */
    static ChildBerth start(String name, boolean quickStart, Map<String, String> settings) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("berth-bench-" + name + "-");
        Path log = directory.resolve("berth.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP));
        if (quickStart) {
            command.add(QUICK_START);
        }
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).resolve(name + ".jfr").toAbsolutePath() + ",settings=profile");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BerthApplication.class.getName(),
                "--server.port=" + port, "--berth.data-dir=" + directory.resolve("data"),
                "--berth.bootstrap-token=" + BenchBerth.TOKEN, "--logging.level.root=WARN"));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildBerth berth = new ChildBerth(process, directory, log, port);
        try {
            berth.awaitReady(Duration.ofMinutes(5));
        } catch (RuntimeException | InterruptedException e) {
            berth.close();
            throw e;
        }
        return berth;
    }

    Api api() {
        return new Api(port);
    }

    long pid() {
        return process.pid();
    }

    /**
     * CPU time used so far by Berth's JVM (all threads), alone and with its descendants (the embedded PostgreSQL).
     * PostgreSQL serves each connection in a process of its own, and a pool may end one inside a measured
     * window: its CPU time would leave a sum over live processes with it (the sum could even go down). Where
     * Linux shows them, each descendant's CPU therefore includes that of the children it has reaped
     * ({@code /proc/<pid>/stat}: utime, stime, cutime, cstime), which is where the postmaster keeps its
     * ended backends' time.
     */
    Cpu cpu() {
        Duration jvm = cpuOf(process.toHandle());
        return new Cpu(jvm, process.toHandle().descendants().map(ChildBerth::cpuWithReapedChildren).reduce(jvm, Duration::plus));
    }

    private static Duration cpuWithReapedChildren(ProcessHandle handle) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return Duration.ofMillis(cpuTicks(stat) * 1000 / TICKS_PER_SECOND);
        } catch (IOException | UncheckedIOException | IllegalArgumentException notShown) {
            // not Linux, or the process ended between listing and reading: what the JDK reports
            return handle.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    /**
     * A process's own CPU ticks and those of the children it has waited for, from a {@code /proc/<pid>/stat}
     * line: fields 14 to 17, counted after the command name in parentheses (which may hold spaces).
     */
    static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc stat line");
        }
        String[] fields = stat.substring(end + 2).trim().split(" ");
        // fields[0] is field 3 (the state): utime, stime, cutime, cstime are fields 14 to 17
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static Duration cpuOf(ProcessHandle handle) {
        return handle.info().totalCpuDuration().orElseThrow(() ->
                new IllegalStateException("the operating system does not report the CPU time of process " + handle.pid()));
    }

    private void awaitReady(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Berth exited at start (" + process.exitValue() + "):\n" + tail());
            }
            try {
                if (api().get("/actuator/health/readiness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Berth was not ready within " + patience + ":\n" + tail());
    }

    /** The last lines of Berth's log, for an error message. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops Berth with SIGTERM (so that a flight recording is written), forcibly after 30 s, and deletes its files. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            FileSystemUtils.deleteRecursively(directory.toFile());
        }
    }

    /**
     * CPU time used so far by each JIT compiler thread of Berth's JVM (by thread id), where the operating system
     * shows threads ({@code /proc/<pid>/task/<tid>/schedstat}, Linux); empty elsewhere. A JVM keeps compiling
     * long after its start, and that is not the idle cost of the work it runs. The JVM starts and ends compiler
     * threads as it needs them: compare two readings with {@link #compilerCpuBetween}.
     */
    Optional<Map<String, Long>> compilerThreads() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        Map<String, Long> nanos = new HashMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> compilerNanos(thread).ifPresent(n -> nanos.put(thread.getFileName().toString(), n)));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.of(nanos);
    }

    /**
     * The compiler threads' CPU time between two readings: what the threads alive at the second used since
     * the first (all of it for those started since). A thread that ended meanwhile is not counted: a lower bound.
     */
    static Duration compilerCpuBetween(Map<String, Long> before, Map<String, Long> after) {
        long nanos = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            nanos += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return Duration.ofNanos(nanos);
    }

    private static Optional<Long> compilerNanos(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException threadEnded) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
