package io.berth.server.database.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that Berth runs on its data directory: initialised with a generated SCRAM
 * password on first start, started under a watchdog (see {@link PostgresCommands#underWatchdog}),
 * listening on 127.0.0.1 only, and stopped with a fast shutdown on {@link #close()}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";

    private final EmbeddedServerSettings settings;
    private final DataDirectoryLock lock;
    private final Process watchdog;
    private final int port;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedServerSettings settings, DataDirectoryLock lock, Process watchdog,
                                   int port, String password) {
        this.settings = settings;
        this.lock = lock;
        this.watchdog = watchdog;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(EmbeddedServerSettings settings) throws IOException {
        Files.createDirectories(settings.baseDirectory());
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.lockFile());
        try {
            PostgresCommands commands = new PostgresCommands(PostgresBinaries.installed());
            Path data = settings.dataDirectory();
            OrphanPostmaster.stopIfRunning(data, settings.stopTimeout());
            String password = SuperuserPassword.readOrCreate(settings.passwordFile());
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(commands, settings);
            } else if (HostBasedAccess.allowsTrust(data)) {
                log.info("The embedded database was made without a password; setting one and switching it to password authentication");
                setPasswordOffline(commands, data, password);
            }
            HostBasedAccess.write(data);
            int port = settings.port() > 0 ? settings.port() : freePort();
            Process watchdog = launch(commands, settings, port);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(settings, lock, watchdog, port, password);
            server.awaitReady();
            return server;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    /** The generated password; give it to the connection pool only, never to a log line. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The server's processes (the postmaster and its backends), for diagnostics and fault tests. */
    public List<ProcessHandle> processes() {
        return watchdog.toHandle().descendants().toList();
    }

    /** Asks for a fast shutdown (sessions are ended, the log is flushed) and waits for it; kills after the stop timeout. */
    @Override
    public void close() throws IOException {
        try {
            stopServer();
            log.info("Embedded PostgreSQL stopped");
        } finally {
            lock.close();
        }
    }

    private void stopServer() {
        try {
            List<ProcessHandle> server = watchdog.toHandle().descendants().toList();
            closeQuietly(watchdog.getOutputStream());
            if (!watchdog.waitFor(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The embedded PostgreSQL did not stop within {}; killing it", settings.stopTimeout());
                server.forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void initdb(PostgresCommands commands, EmbeddedServerSettings settings) throws IOException {
        log.info("Initialising the embedded database in {}", settings.dataDirectory());
        run("initdb", commands.of("initdb", "-D", settings.dataDirectory().toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + settings.passwordFile(), "-E", "UTF8", "--no-locale"), null);
    }

    /** Sets the superuser's password in single-user mode: no network, so no moment without a password. */
    private static void setPasswordOffline(PostgresCommands commands, Path data, String password) throws IOException {
        // the statement goes through a pipe (never argv, which other users can read), and is never logged on error
        run("setting the password", commands.of("postgres", "--single", "-D", data.toString(), "-c", "log_min_error_statement=panic",
                "-c", "exit_on_error=on", SUPERUSER), "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';\n");
    }

    private static Process launch(PostgresCommands commands, EmbeddedServerSettings settings, int port) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("-D", settings.dataDirectory().toString(),
                "-c", "port=" + port, "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories=",
                "-c", "password_encryption=scram-sha-256", "-c", "timezone=UTC", "-c", "max_connections=300"));
        for (String setting : settings.durability().settings()) {
            arguments.add("-c");
            arguments.add(setting);
        }
        if (settings.durability() != Durability.DURABLE) {
            log.warn("The embedded database runs with {}: a host crash can lose or corrupt data. Use this only for tests.",
                    settings.durability().settings());
        }
        ProcessBuilder builder = PostgresCommands.processBuilder(PostgresCommands.underWatchdog(
                commands.of("postgres", arguments.toArray(String[]::new))));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
        return builder.start();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!watchdog.isAlive()) {
                throw new IOException("The embedded PostgreSQL exited at start; its log " + settings.logFile()
                        + " ends with:\n" + tail(settings.logFile()));
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl(), SUPERUSER, password)) {
                log.info("Embedded PostgreSQL is running on {}:{} (data in {})", HOST, port, settings.dataDirectory());
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        stopServer(); // the lock is released by start(), which sees this exception
        throw new IOException("The embedded PostgreSQL did not accept connections within " + settings.startupTimeout()
                + " (" + (last == null ? "no attempt" : last.getMessage()) + "); see " + settings.logFile());
    }

    private static void run(String what, List<String> command, String input) throws IOException {
        ProcessBuilder builder = PostgresCommands.processBuilder(command).redirectErrorStream(true);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (input != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        // single-user mode echoes what it runs, so its output is only shown for commands without input
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(what + " failed (exit " + process.exitValue() + ")" + (input == null ? ":\n" + output : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the watchdog is gone already; waiting for it below tells
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }
}
