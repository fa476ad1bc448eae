package io.berth.server.testsupport;

import io.berth.server.BerthApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Berth as a separate operating-system process, started from the test's classpath or from the packaged
 * berth.jar, so that it can be killed with SIGKILL or stopped with SIGTERM exactly as an orchestrator
 * would. Its output goes to a log file of its own, which tests read.
 */
public final class BerthProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private BerthProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Berth on the data directory with the settings given (as {@code --name=value}), and waits until it is ready. */
    public static BerthProcess start(Path dataDir, String name, Map<String, String> settings) throws IOException {
        return start(List.of("-cp", System.getProperty("java.class.path"), BerthApplication.class.getName()), dataDir,
                dataDir.resolve(name + ".log"), settings);
    }

    /**
     * Starts {@code java -jar <jar>} with the arguments, on the data directory with the settings given, logging
     * to {@code log}, and waits until it is ready.
     */
    public static BerthProcess startJar(Path jar, List<String> arguments, Path dataDir, Path log, Map<String, String> settings)
            throws IOException {
        List<String> launch = new ArrayList<>(List.of("-jar", jar.toString()));
        launch.addAll(arguments);
        return start(launch, dataDir, log, settings);
    }

    /** Starts Berth from the test's class path with the arguments (such as {@code --demo}), logging to {@code log}. */
    public static BerthProcess startFromClassPath(List<String> arguments, Path dataDir, Path log, Map<String, String> settings)
            throws IOException {
        List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), BerthApplication.class.getName()));
        launch.addAll(arguments);
        return start(launch, dataDir, log, settings);
    }

    private static BerthProcess start(List<String> launch, Path dataDir, Path log, Map<String, String> settings) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1"));
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.add("--berth.data-dir=" + dataDir);
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BerthProcess berth = new BerthProcess(process, log, port);
        berth.awaitReady();
        return berth;
    }

    public Api api() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as {@code docker stop} or a pod termination sends; returns whether it exited within the patience. */
    public boolean terminate(Duration patience) throws InterruptedException {
        process.destroy();
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Berth exited at start (" + process.exitValue() + "):\n" + tail());
            }
            try {
                return api().get("/actuator/health/readiness", null).status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
