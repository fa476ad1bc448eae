package io.berth.server.config;

import io.berth.server.database.embedded.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code berth}. Environment variables with friendlier names are mapped onto them in
 * application.yml ({@code BERTH_DATA_DIR}, {@code BERTH_ENCRYPTION_KEY}, {@code BERTH_BOOTSTRAP_TOKEN}, ...).
 *
 * @param dataDir              where the embedded database and a generated encryption key live
 * @param embeddedDatabase     the embedded PostgreSQL (used when no database URL is configured)
 * @param encryption           the key that seals stored kubeconfigs
 * @param bootstrapToken       the first admin token, used only when no token exists yet
 * @param maxRequestSize       requests with a larger body are refused with 413
 */
@ConfigurationProperties("berth")
public record BerthProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue Encryption encryption,
        String bootstrapToken,
        @DefaultValue("1MB") DataSize maxRequestSize) {

    /**
     * @param key          base64 of 32 bytes
     * @param keyFile      a file holding the base64 key
     * @param previousKeys older keys still accepted for reading
     */
    public record Encryption(String key, Path keyFile, @DefaultValue List<String> previousKeys) {

        @Override
        public String toString() {
            return "Encryption[keyFile=" + keyFile + "]";
        }
    }

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

    @Override
    public String toString() {
        return "BerthProperties[dataDir=" + dataDir + ", maxRequestSize=" + maxRequestSize + "]";
    }
}
