package io.berth.server.database;

import io.berth.server.database.embedded.Durability;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the embedded PostgreSQL, used when no database URL is configured: {@code berth.data-dir}
 * (shared with the rest of Berth, which keeps its generated key there too) and {@code berth.embedded-database.*}.
 * Bound here rather than from Berth's general settings, so that the database package depends on nothing
 * of the wiring that depends on it.
 *
 * @param dataDir          where the server's data lives, under {@code postgres/}
 * @param embeddedDatabase the server's own settings
 */
@ConfigurationProperties("berth")
public record EmbeddedDatabaseProperties(@DefaultValue("./data") Path dataDir,
                                         @DefaultValue EmbeddedDatabase embeddedDatabase) {

    /**
     * @param port           TCP port on 127.0.0.1; 0 picks a free one
     * @param durability     {@code durable}, or {@code unsafe-fast-for-tests} (fsync off) for throw-away test data only
     * @param startupTimeout how long a start may take, crash recovery included
     * @param stopTimeout    how long a stop may take before the server is killed
     */
    public record EmbeddedDatabase(@DefaultValue("0") int port,
                                   @DefaultValue("durable") Durability durability,
                                   @DefaultValue("120s") Duration startupTimeout,
                                   @DefaultValue("20s") Duration stopTimeout) {
    }
}
