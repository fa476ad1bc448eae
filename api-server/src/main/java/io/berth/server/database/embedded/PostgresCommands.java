package io.berth.server.database.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command lines of the bundled binaries. PostgreSQL refuses to run as root; where Berth runs as root
 * (a container, a CI machine) each command runs in a user namespace of its own ({@code unshare -U}),
 * where it is an unprivileged user that owns the data directory.
 */
final class PostgresCommands {

    private static final List<String> KEPT_ENVIRONMENT = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TMPDIR");

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
     * A process builder for a command of these binaries, with an environment of its own: only what the
     * server needs (the path, the locale, the time zone), never Berth's (its encryption key, its bootstrap
     * token, a database password or cloud credentials would otherwise be readable in /proc by anyone
     * who can read the server's processes).
     */
    static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        Map<String, String> kept = new HashMap<>();
        for (String name : KEPT_ENVIRONMENT) {
            String value = environment.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        environment.clear();
        environment.putAll(kept);
        return builder;
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
