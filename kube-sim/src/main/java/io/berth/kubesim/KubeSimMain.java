package io.berth.kubesim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube-sim on its own: starts simulated clusters, writes a kubeconfig for each and serves the
 * {@link ControlApi} until the process is stopped.
 *
 * <pre>
 * java -jar kube-sim/target/kube-sim.jar --clusters 3 --out /tmp/sim [--readiness-delay 200ms] [--control-port 0]
 * </pre>
 *
 * It prints one line per cluster ({@code sim-1 https://localhost:41234 /tmp/sim/sim-1.yaml}), then
 * {@code control http://127.0.0.1:40000}, which it also writes to {@code <out>/control-url}.
 */
public final class KubeSimMain {

    static final String USAGE = """
            Usage: java -jar kube-sim.jar --clusters N --out DIR [--readiness-delay 200ms] [--control-port 0] [--verbose]

              --clusters N          how many simulated clusters to start (sim-1 ... sim-N), at least 1
              --out DIR             where to write one kubeconfig per cluster (DIR/sim-1.yaml ...) and control-url
              --readiness-delay D   how long a new pod takes to become Ready: 200ms, 2s, 1m or plain milliseconds
              --control-port P      port of the control API on 127.0.0.1 (0, the default, picks a free one)
              --verbose             log every request the API servers answer
            """;

    // kept here: java.util.logging holds its loggers weakly, and a collected one forgets its level
    private static final java.util.logging.Logger REQUEST_LOG = java.util.logging.Logger.getLogger(io.berth.kubesim.server.ApiServer.REQUEST_LOG);

    private KubeSimMain() {
    }

    /** The command line, parsed. */
    record Options(int clusters, Path out, Duration readinessDelay, int controlPort, boolean verbose) {

        static Options parse(String... args) {
            Integer clusters = null;
            Path out = null;
            Duration delay = SimulatorSettings.defaults().readinessDelay();
            int controlPort = 0;
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help", "-h" -> throw new UsageException(null);
                    case "--verbose" -> verbose = true;
                    case "--clusters", "--out", "--readiness-delay", "--control-port" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new UsageException(arg + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (arg) {
                            case "--clusters" -> clusters = integer(arg, value, 1, 10_000);
                            case "--out" -> out = Path.of(value);
                            case "--readiness-delay" -> delay = duration(value);
                            default -> controlPort = integer(arg, value, 0, 65_535);
                        }
                    }
                    default -> throw new UsageException("unknown option " + arg);
                }
            }
            if (clusters == null) {
                throw new UsageException("--clusters is required");
            }
            if (out == null) {
                throw new UsageException("--out is required");
            }
            return new Options(clusters, out, delay, controlPort, verbose);
        }

        private static int integer(String option, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new UsageException(option + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a whole number, not " + value);
            }
        }

        /** 200ms, 2s, 1m, or plain milliseconds. */
        static Duration duration(String value) {
            Matcher m = Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new UsageException("--readiness-delay must look like 200ms, 2s, 1m or 200, not " + value);
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofMillis(n);
            };
        }
    }

    /** A bad command line; a null message asks for the usage only. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** What {@link #start} started: the clusters and the control API, closed together. */
    record Running(KubeSim sim, ControlApi control, Map<String, Path> kubeconfigs) implements AutoCloseable {
        @Override
        public void close() {
            control.close();
            sim.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (e.getMessage() == null) {
                System.out.print(USAGE);
                return;
            }
            System.err.println("kube-sim: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Running running = start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "kube-sim-shutdown"));
        stopped.await();
    }

    /** Starts the clusters and the control API, writes the kubeconfigs and prints where everything is. */
    static Running start(Options options, PrintStream out) {
        REQUEST_LOG.setLevel(options.verbose() ? Level.INFO : Level.WARNING);
        createDirectories(options.out());
        KubeSim sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(options.readinessDelay()));
        ControlApi control = null;
        try {
            Map<String, Path> kubeconfigs = new LinkedHashMap<>();
            for (int i = 0; i < options.clusters(); i++) {
                SimulatedCluster cluster = sim.startCluster();
                Path file = options.out().resolve(cluster.name() + ".yaml").toAbsolutePath();
                writePrivately(file, cluster.kubeconfig());
                kubeconfigs.put(cluster.name(), file);
            }
            control = ControlApi.start(sim, options.controlPort(), kubeconfigs);
            writePrivately(options.out().resolve("control-url"), control.url() + "\n");
            for (SimulatedCluster cluster : sim.clusters()) {
                out.println(cluster.name() + " " + cluster.url() + " " + kubeconfigs.get(cluster.name()));
            }
            out.println("control " + control.url());
            out.flush();
            return new Running(sim, control, Map.copyOf(kubeconfigs));
        } catch (RuntimeException e) {
            if (control != null) {
                control.close();
            }
            sim.close();
            throw e;
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    /** Kubeconfigs hold a token: readable by the owner only, where the file system knows permissions. */
    private static void writePrivately(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
