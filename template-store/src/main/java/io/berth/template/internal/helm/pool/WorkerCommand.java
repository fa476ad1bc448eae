package io.berth.template.internal.helm.pool;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.berth.template.HelmLimits;

/**
 * The command line, environment and directory of one Helm worker: the java launcher of Berth's own
 * JVM, the worker's class path, {@code HelmWorkerMain} and its arguments (Helm's library, the time
 * limit, and the address space the worker may take beyond what it holds once Helm is loaded: the
 * memory limit).
 *
 * <p>Memory is bounded more than one way, because a Go runtime allocates outside the Java heap and
 * {@code -Xmx} alone bounds none of it: Berth watches the worker's resident memory and kills it
 * above {@link HelmLimits#memoryBytes()} ({@link WorkerProcess}); the worker limits its own address
 * space once Helm is loaded (RLIMIT_AS, see the worker's {@code OwnLimits}), which stops a burst
 * between two looks of the watchdog; GOMEMLIMIT makes Go collect garbage before either
 * ({@link WorkerEnvironment}).
 *
 * <p>The JVM gets a quarter of the memory as heap (at least 32 MB), the serial collector, C1 only
 * (it starts faster, and the worker's Java code is a loop around native calls), no shared perf data
 * file and no attach listener. Only these system properties are set: nothing of Berth's reaches it.
 */
record WorkerCommand(List<String> command, Map<String, String> environment, Path directory) {

    private static final long MB = 1024 * 1024;

    static WorkerCommand of(HelmRuntime runtime, HelmLimits limits, Path directory, Map<String, String> berths) {
        Path home = directory.resolve("home");
        Path tmp = directory.resolve("tmp");
        List<String> command = new ArrayList<>();
        command.add(runtime.java().toString());
        command.addAll(jvmOptions(limits, directory, home, tmp));
        command.add("-cp");
        command.add(runtime.classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(HelmRuntime.WORKER_MAIN);
        command.add(runtime.library().toString());
        command.add(Long.toString(limits.timeout().toMillis()));
        command.add(Long.toString(limits.memoryBytes()));
        return new WorkerCommand(List.copyOf(command), WorkerEnvironment.of(berths, home, tmp, limits.memoryBytes()),
                directory);
    }

    private static List<String> jvmOptions(HelmLimits limits, Path directory, Path home, Path tmp) {
        long heapMb = Math.max(32, limits.memoryBytes() / 4 / MB);
        return List.of(
                "-Xmx" + heapMb + "m",
                "-Xms8m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                "-XX:-UsePerfData",
                "-XX:+DisableAttachMechanism",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:ErrorFile=" + directory.resolve("hs_err_%p.log"),
                "-Dfile.encoding=UTF-8",
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + tmp,
                "-Djna.tmpdir=" + tmp);
    }
}
