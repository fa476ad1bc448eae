package io.berth.server.database.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as a production default must be: durable, closed to other local users, gone
 * with Berth, and able to start after a Berth that died left its server behind.
 */
class EmbeddedPostgresServerTest {

    @Test
    void theDefaultIsDurableAndNeedsTheGeneratedPassword() throws Exception {
        EmbeddedServerSettings settings = settings(newBaseDirectory(), Durability.DURABLE);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings)) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
                assertThat(show(c, "fsync")).isEqualTo("on");
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
                assertThat(show(c, "full_page_writes")).isEqualTo("on");
                assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(show(c, "unix_socket_directories")).isEmpty();
                assertThat(show(c, "password_encryption")).isEqualTo("scram-sha-256");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.username(), "guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres").close())
                    .as("no password, no entry").isInstanceOf(SQLException.class);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(HostBasedAccess.allowsTrust(settings.dataDirectory())).isFalse();
            assertThat(Files.readString(settings.dataDirectory().resolve("pg_hba.conf"))).contains("127.0.0.1/32  scram-sha-256");
        }
    }

    @Test
    void theFastTestModeIsOnlyWhatItIsAskedFor() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings(newBaseDirectory(), Durability.UNSAFE_FAST_FOR_TESTS));
             Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            assertThat(show(c, "fsync")).isEqualTo("off");
            assertThat(show(c, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void aServerLeftBehindOnItsOwnDataDirectoryIsStoppedAndTheNextStartWorks() throws Exception {
        Path base = newBaseDirectory();
        EmbeddedServerSettings settings = settings(base, Durability.UNSAFE_FAST_FOR_TESTS);
        EmbeddedPostgresServer.start(settings).close();
        // a server started the way an older Berth did (pg_ctl, a daemon): nothing stops it when its Berth dies
        Process orphan = startDirectly(settings.dataDirectory(), freePort());
        long pid = awaitPostmasterPid(settings.dataDirectory());

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings);
             Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the orphan is gone").isFalse();
            assertThat(show(c, "port")).isEqualTo(String.valueOf(server.port()));
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aServerOfAnotherDataDirectoryIsNeverTouched() throws Exception {
        EmbeddedServerSettings ours = settings(newBaseDirectory(), Durability.UNSAFE_FAST_FOR_TESTS);
        EmbeddedServerSettings theirs = settings(newBaseDirectory(), Durability.UNSAFE_FAST_FOR_TESTS);
        EmbeddedPostgresServer.start(ours).close();
        try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(theirs)) {
            long theirPid = awaitPostmasterPid(theirs.dataDirectory());
            // our lock file names their server, as after a reboot that gave the PID to another process
            Files.writeString(ours.dataDirectory().resolve("postmaster.pid"), theirPid + "\n" + ours.dataDirectory() + "\n");

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(ours)) {
                assertThat(ProcessHandle.of(theirPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
                try (Connection c = DriverManager.getConnection(other.jdbcUrl(), other.username(), other.password())) {
                    assertThat(show(c, "fsync")).isEqualTo("off");
                }
            }
        }
    }

    @Test
    void theServerStopsWhenTheProcessThatStartedItIsKilled() throws Exception {
        Path base = newBaseDirectory();
        Process owner = new ProcessBuilder(javaCommand(StartAndWait.class.getName(), base.toString()))
                .redirectErrorStream(true).redirectOutput(base.resolve("owner.log").toFile()).start();
        long pid = awaitPostmasterPid(base.resolve("postgres"));
        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // kill -9: no shutdown hook runs

        // the server may be gone already (then it has no handle any more), else it must go within 20 s
        ProcessHandle.of(pid).ifPresent(server -> assertThat(server.onExit().orTimeout(20, TimeUnit.SECONDS).join().isAlive())
                .as("the server follows its owner").isFalse());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the server follows its owner").isFalse();
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(settings(base, Durability.UNSAFE_FAST_FOR_TESTS))) {
            assertThat(again.port()).isPositive();
        }
    }

    @Test
    void theServerSeesNoneOfBerthsEnvironment() throws Exception {
        Path base = newBaseDirectory();
        ProcessBuilder builder = new ProcessBuilder(javaCommand(StartAndWait.class.getName(), base.toString()))
                .redirectErrorStream(true).redirectOutput(base.resolve("owner.log").toFile());
        builder.environment().put("BERTH_ENCRYPTION_KEY", "marker-of-a-secret-0123456789");
        Process owner = builder.start();
        try {
            long pid = awaitPostmasterPid(base.resolve("postgres"));
            String environment = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"));
            assertThat(environment).contains("PATH=").doesNotContain("marker-of-a-secret").doesNotContain("BERTH_");
        } finally {
            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDataDirectoryMadeWithoutAPasswordGetsOneAndLosesTrust() throws Exception {
        Path base = newBaseDirectory();
        EmbeddedServerSettings settings = settings(base, Durability.UNSAFE_FAST_FOR_TESTS);
        PostgresCommands commands = new PostgresCommands(PostgresBinaries.installed());
        run(commands.of("initdb", "-A", "trust", "-U", "postgres", "-D", settings.dataDirectory().toString(), "-E", "UTF8"));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings)) {
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password()).close();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres").close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void oneDataDirectoryServesOneBerthAtATime() throws Exception {
        EmbeddedServerSettings settings = settings(newBaseDirectory(), Durability.UNSAFE_FAST_FOR_TESTS);
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(settings)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(settings))
                    .hasMessageContaining("Another Berth process is using the data directory");
            DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password()).close();
        }
    }

    /** Started in a child JVM by the test above: starts a server and waits to be killed. */
    public static final class StartAndWait {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer.start(settings(Path.of(args[0]), Durability.UNSAFE_FAST_FOR_TESTS));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static EmbeddedServerSettings settings(Path base, Durability durability) {
        return new EmbeddedServerSettings(base, 0, durability, Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    private static Path newBaseDirectory() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-pg-");
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Process startDirectly(Path dataDirectory, int port) throws IOException {
        PostgresCommands commands = new PostgresCommands(PostgresBinaries.installed());
        return new ProcessBuilder(commands.of("postgres", "-D", dataDirectory.toAbsolutePath().toString(),
                "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long awaitPostmasterPid(Path dataDirectory) throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                // the file is complete once the server has written its status line ("ready")
                if (lines.size() >= 8 && lines.get(7).strip().equals("ready")) {
                    return Long.parseLong(lines.get(0).strip());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no server started on " + dataDirectory);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
    }
}
