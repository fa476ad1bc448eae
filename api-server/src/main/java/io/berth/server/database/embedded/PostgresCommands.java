package io.berth.server.database.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the bundled binaries. PostgreSQL refuses to run as root; where Berth runs as root
 * (a container, a CI machine) each command runs in a user namespace of its own ({@code unshare -U}),
 * where it is an unprivileged user that owns the data directory.
 */
final class PostgresCommands {

    private final Path binaries;
    private final boolean inUserNamespace;

    PostgresCommands(Path binaries) {
        this.binaries = binaries;
        this.inUserNamespace = LinuxUtils.isUnshareAvailable();
    }

    List<String> of(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (inUserNamespace) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * The server under a watchdog shell: the shell starts it, then waits for its standard input (a
     * pipe from Berth) to close, and then asks the server for a fast shutdown (SIGINT) and waits for
     * it. The pipe closes when Berth closes it on a stop, and also when Berth dies in any way, so the
     * server never outlives it for long.
     */
    static List<String> underWatchdog(List<String> server) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "\"$@\" </dev/null & pg=$!; read -r _; kill -INT \"$pg\" 2>/dev/null; wait \"$pg\"",
                "berth-postgres-watchdog"));
        command.addAll(server);
        return command;
    }
}
