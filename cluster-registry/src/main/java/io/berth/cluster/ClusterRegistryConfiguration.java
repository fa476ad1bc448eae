package io.berth.cluster;

import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKeyLoader;
import io.berth.cluster.internal.kubeconfig.KubeconfigValidator;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the cluster registry that are not components of their own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterRegistrySettings.class)
public class ClusterRegistryConfiguration {

    @Bean
    CredentialCipher credentialCipher(CredentialKeySettings keys) {
        return new CredentialCipher(EncryptionKeyLoader.load(keys.keyBase64(), keys.keyFile(), keys.dataDirectory(),
                keys.generateIfMissing(), keys.previousKeysBase64()), new SecureRandom());
    }

    @Bean
    KubeconfigValidator kubeconfigValidator() {
        return new KubeconfigValidator();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
