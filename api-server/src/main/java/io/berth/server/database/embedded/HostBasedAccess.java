package io.berth.server.database.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's {@code pg_hba.conf}, rewritten at every start so that an edit (or an older Berth's
 * {@code trust} file) never survives: SCRAM passwords over loopback TCP, nothing else. Unix sockets
 * are switched off on the command line, so no {@code local} line is needed.
 */
final class HostBasedAccess {

    static final String CONTENT = """
            # Written by Berth at every start of its embedded PostgreSQL; edits here are overwritten.
            # Password (SCRAM) authentication over loopback TCP only: no trust, no Unix socket, no other address.
            host  all  all  127.0.0.1/32  scram-sha-256
            """;

    private HostBasedAccess() {
    }

    /** Whether the file lets anyone in without a password (a data directory made by an older Berth). */
    static boolean allowsTrust(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("pg_hba.conf");
        if (!Files.exists(file)) {
            return false;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(line -> line.matches(".*\\s(trust|ident|peer)(\\s.*)?$"));
    }

    static void write(Path dataDirectory) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), CONTENT, StandardCharsets.UTF_8);
    }
}
