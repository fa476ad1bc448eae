package io.berth.server.config;

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
 * @param dataDir              where a generated encryption key lives (and the embedded database:
 *                             {@link io.berth.server.database.EmbeddedDatabaseProperties})
 * @param encryption           the key that seals stored kubeconfigs
 * @param bootstrapToken       the first admin token, used only when no token exists yet
 * @param maxRequestSize       requests with a larger body are refused with 413
 */
@ConfigurationProperties("berth")
public record BerthProperties(
        @DefaultValue("./data") Path dataDir,
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

    @Override
    public String toString() {
        return "BerthProperties[dataDir=" + dataDir + ", maxRequestSize=" + maxRequestSize + "]";
    }
}
