package io.berth.server.database.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * @param baseDirectory  Berth's data directory: the server's files go to {@code postgres/} below it,
 *                       its password to {@code postgres.password}, its log to {@code postgres.log}
 * @param port           TCP port on 127.0.0.1; 0 picks a free one
 * @param durability     {@link Durability#DURABLE} unless a test run says otherwise
 * @param startupTimeout how long a start (including crash recovery) may take
 * @param stopTimeout    how long a stop may take before the server is killed
 */
public record EmbeddedServerSettings(Path baseDirectory, int port, Durability durability,
                                     Duration startupTimeout, Duration stopTimeout) {

    public EmbeddedServerSettings {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(durability, "durability");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero() || stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    Path dataDirectory() {
        return baseDirectory.resolve("postgres");
    }

    Path passwordFile() {
        return baseDirectory.resolve("postgres.password");
    }

    Path lockFile() {
        return baseDirectory.resolve("postgres.lock");
    }

    Path logFile() {
        return baseDirectory.resolve("postgres.log");
    }
}
