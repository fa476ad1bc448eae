package io.berth.server.config;

import io.berth.cluster.CredentialKeySettings;
import io.berth.server.database.DatabaseMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tells the cluster registry where its encryption key comes from. Only on the embedded database may a
 * key be generated: with an external database a generated key would live on one machine's disk while
 * the ciphertexts live elsewhere, so a lost container would mean lost credentials.
 */
@Configuration(proxyBeanMethods = false)
class CredentialKeyConfiguration {

    @Bean
    CredentialKeySettings credentialKeySettings(BerthProperties properties, Environment environment) {
        BerthProperties.Encryption encryption = properties.encryption();
        return new CredentialKeySettings(encryption.key(), encryption.keyFile(), properties.dataDir(),
                DatabaseMode.isEmbedded(environment), encryption.previousKeys());
    }
}
