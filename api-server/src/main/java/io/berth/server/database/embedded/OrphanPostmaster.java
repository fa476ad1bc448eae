package io.berth.server.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on our data directory by a Berth that died (kill -9, OOM killer,
 * a crash), found through the directory's {@code postmaster.pid} and stopped, so that the next start
 * comes up at once instead of failing on PostgreSQL's lock file.
 *
 * <p>Safe by construction: it is only called while this process holds the {@link DataDirectoryLock},
 * so no live Berth owns the directory; and a process is only stopped when it is a {@code postgres}
 * whose command line names this very data directory. A process that merely reuses the recorded PID
 * is left alone and the stale lock file is removed instead.
 */
final class OrphanPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);

    private OrphanPostmaster() {
    }

    /** Stops a server of {@code dataDirectory} left behind, politely first and by force after {@code patience}. */
    static void stopIfRunning(Path dataDirectory, Duration patience) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> recorded = recordedPid(pidFile);
        if (recorded.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(recorded.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL recognises a lock file of a dead process by itself
        }
        if (!isServerOf(process.get(), dataDirectory)) {
            log.warn("The embedded database's lock file names process {}, which is not its server; removing the stale lock file",
                    recorded.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("An embedded PostgreSQL (pid {}) is still running on {} after an earlier Berth stopped without closing it; stopping it",
                recorded.get(), dataDirectory);
        stop(process.get(), patience);
    }

    private static Optional<Long> recordedPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A {@code postgres} executable started with {@code -D <this directory>}. */
    static boolean isServerOf(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> c.endsWith("/postgres") || c.endsWith("\\postgres.exe")).orElse(false);
        List<String> arguments = info.arguments().map(Arrays::asList).orElse(List.of());
        int d = arguments.indexOf("-D");
        return postgres && d >= 0 && d + 1 < arguments.size()
                && Path.of(arguments.get(d + 1)).toAbsolutePath().normalize().equals(dataDirectory.toAbsolutePath().normalize());
    }

    private static void stop(ProcessHandle postmaster, Duration patience) {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the dead Berth's sessions are gone already
        if (awaitExit(postmaster, patience)) {
            return;
        }
        log.warn("The left-behind PostgreSQL (pid {}) did not stop within {}; killing it (it recovers from its log at the next start)",
                postmaster.pid(), patience);
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        awaitExit(postmaster, Duration.ofSeconds(10));
        backends.forEach(b -> awaitExit(b, Duration.ofSeconds(5)));
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
