package io.berth.server.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.FileSystemUtils;

/**
 * Start-up of the packaged Berth on its embedded PostgreSQL, {@code java -jar berth.jar} as
 * docs/deployment.md runs it, from the start of the process until Berth is ready: the first start on a
 * new data directory, then restarts on the same directory, each without and with a class data sharing
 * archive made by a training run as docs/deployment.md ("Start-up") and the Dockerfile make it.
 *
 * <p><b>Ready</b> is {@code GET /actuator/health/readiness} answering 200: what an orchestrator (the
 * Kubernetes readiness probe, Compose's health check) waits for before it sends traffic. Spring Boot
 * turns it UP only after the context has started, the web server listens and the application runners
 * (the bootstrap token among them) have run, and Berth's readiness includes its database; so it is
 * also the moment the first authenticated request can succeed. Each start is then checked with an
 * authenticated request (not timed), so that a Berth that is "ready" but cannot serve fails the run.
 *
 * <p>Each start adds no JVM option but the archive's own, takes a free port, and is stopped with
 * SIGTERM; the next one begins only when it and its PostgreSQL have ended ({@link LaunchedBerth}).
 * Restarts without and with the archive alternate, so that a change in the machine's load (it may be
 * shared) touches both alike. The jar comes from the system property {@value #JAR_PROPERTY}, set by the
 * {@code -Pbench} profile and by failsafe; everything else lives in a temporary directory deleted at
 * the end.
 */
public final class StartupBench implements Bench {

    static final String JAR_PROPERTY = "berth.jar";
    private static final double TARGET_SECONDS = 10;
    private static final Duration TRAINING_PATIENCE = Duration.ofMinutes(10);
    /** What the JVM logs (with {@code -Xlog:cds}) when it maps the application's archive. */
    private static final String ARCHIVE_MAPPED = "Mapped dynamic region";

    /** {@code restarts} of each kind; {@code archive}: whether to train and measure with a CDS archive. */
    record Sizes(int restarts, boolean archive) {
    }

    static final Sizes FULL = new Sizes(5, true);
    /** One first start and one restart, no training run (a minute on 2 cores by itself). */
    static final Sizes SMOKE = new Sizes(1, false);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Figure> run(Size size) throws Exception {
        Path jar = jar();
        Path work = Files.createTempDirectory("berth-startup-");
        try {
            return measure(jar, work, size == Size.FULL ? FULL : SMOKE);
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private List<Figure> measure(Path jar, Path work, Sizes sizes) throws Exception {
        String loadBefore = loadAverage();
        Path data = work.resolve("data");
        Starts first = new Starts();
        first.add(start(jar, List.of(), data, work.resolve("first.log")));
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.context(name(), "first start, new data directory (`initdb`, migrations), `java -jar berth.jar`",
                first.format()));

        Path archive = null;
        if (sizes.archive()) {
            long started = System.nanoTime();
            archive = train(jar, work);
            figures.add(Figure.context(name(), "CDS training run, once (image build): `-XX:ArchiveClassesAtExit`, "
                    + "`-Dspring.context.exit=onRefresh`", "%s s; archive %d MB".formatted(
                    Stats.number((System.nanoTime() - started) / 1e9), Files.size(archive) / 1_000_000)));
        }
        Starts plain = new Starts();
        Starts withArchive = new Starts();
        for (int r = 0; r < sizes.restarts(); r++) {
            plain.add(start(jar, List.of(), data, work.resolve("restart-" + r + ".log")));
            if (archive != null) {
                withArchive.add(startWithArchive(jar, archive, data, work, r));
            }
        }
        figures.add(restart("restart, `java -jar berth.jar`", plain, ""));
        if (archive != null) {
            figures.add(restart("restart, `java -XX:SharedArchiveFile=berth.jsa -jar berth.jar`", withArchive,
                    "%.0f%% of the plain restart".formatted(100 * withArchive.wall().median() / plain.wall().median())));
        }
        figures.add(Figure.context(name(), "load average (1 min) before / after",
                loadBefore + " / " + loadAverage()));
        return figures;
    }

    private Figure restart(String what, Starts starts, String comparison) {
        return new Figure(name(), what, starts.format(), comparison, "< 10 s on 2 cores", starts.wall().median() < TARGET_SECONDS);
    }

    /**
     * Seconds to ready of several starts, on the clock and on the CPUs. The CPU time (Berth's JVM) says
     * how much work a start was, which a busy machine changes less than the clock time: with the wall
     * time it tells a slower Berth from a busier machine.
     */
    private static final class Starts {
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();

        void add(LaunchedBerth.Start start) {
            wall.add(start.wall().toNanos() / 1e9);
            cpu.add(start.cpu().toNanos() / 1e9);
        }

        Stats wall() {
            return Stats.of(wall);
        }

        String format() {
            return wall().format("s") + "; CPU " + Stats.of(cpu).format("s");
        }
    }

    /** Starts Berth, measures until ready, checks that it serves an authenticated request, and stops it. */
    private static LaunchedBerth.Start start(Path jar, List<String> jvmOptions, Path data, Path log) throws Exception {
        try (LaunchedBerth berth = LaunchedBerth.start(jar, jvmOptions, data,
                List.of("--berth.bootstrap-token=" + BenchBerth.TOKEN), log)) {
            LaunchedBerth.Start ready = berth.awaitReady();
            berth.api().get("/api/v1/tokens", BenchBerth.TOKEN).expect(200);
            return ready;
        }
    }

    /**
     * A restart with the archive. The JVM uses an archive it cannot map, or one made from other jars,
     * silently not at all; so it logs what it maps (a few dozen lines, to a file of their own) and the run
     * fails unless the application's part of the archive was mapped.
     */
    private static LaunchedBerth.Start startWithArchive(Path jar, Path archive, Path data, Path work, int r) throws Exception {
        Path cdsLog = work.resolve("cds-" + r + ".log");
        LaunchedBerth.Start start = start(jar, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=info:file=" + cdsLog),
                data, work.resolve("restart-cds-" + r + ".log"));
        if (!Files.readString(cdsLog).contains(ARCHIVE_MAPPED)) {
            throw new IllegalStateException("the JVM did not use the archive " + archive + "; see its log:\n" + Files.readString(cdsLog));
        }
        return start;
    }

    /**
     * The training run of docs/deployment.md: Berth starts on a throwaway data directory (its embedded
     * PostgreSQL and migrations included), Spring stops it once the context is refreshed
     * ({@code spring.context.exit=onRefresh}), and the JVM writes the classes it loaded at its exit.
     */
    private static Path train(Path jar, Path work) throws Exception {
        Path archive = work.resolve("berth.jsa");
        List<String> options = List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh");
        try (LaunchedBerth training = LaunchedBerth.start(jar, options, work.resolve("training-data"), List.of(),
                work.resolve("training.log"))) {
            int exit = training.awaitExit(TRAINING_PATIENCE);
            if (exit != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
                throw new IllegalStateException("the training run ended with " + exit + " and wrote no archive:\n" + training.tail());
            }
        }
        return archive;
    }

    static Path jar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("the start-up benchmark starts the packaged Berth, but the system property " + JAR_PROPERTY
                    + " is not set: run the suite with ./mvnw -Pbench verify, or give -D" + JAR_PROPERTY
                    + "=api-server/target/berth.jar after ./mvnw package");
        }
        Path jar = Path.of(property).toAbsolutePath();
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            throw new IllegalStateException(jar + " (with lib/ beside it) does not exist: package Berth first (./mvnw package)");
        }
        return jar;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
