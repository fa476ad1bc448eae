package io.berth.cluster;

import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKeyLoader;
import io.berth.cluster.internal.kubeconfig.KubeconfigValidator;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.network.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the cluster registry that are not components of their own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClusterRegistrySettings.class, ClusterNetworkSettings.class, ReplicaSettings.class})
public class ClusterRegistryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterRegistryConfiguration.class);

    /** Cloud metadata addresses: a deny list that lets one through is reported at start-up. */
    private static final List<String> METADATA_ADDRESSES = List.of("169.254.169.254", "fd00:ec2::254",
            "100.100.100.200");

    @Bean
    CredentialCipher credentialCipher(CredentialKeySettings keys) {
        return new CredentialCipher(EncryptionKeyLoader.load(keys.keyBase64(), keys.keyFile(), keys.dataDirectory(),
                keys.generateIfMissing(), keys.previousKeysBase64()), new SecureRandom());
    }

    @Bean
    DeniedNetworks deniedNetworks(ClusterNetworkSettings settings) {
        DeniedNetworks denied;
        try {
            denied = DeniedNetworks.of(settings.deniedNetworks());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("berth.clusters.denied-networks: " + e.getMessage(), e);
        }
        log.info("Cluster clients never connect to {} (berth.clusters.denied-networks)", denied);
        for (String metadata : METADATA_ADDRESSES) {
            if (denied.match(literal(metadata)).isEmpty()) {
                log.warn("berth.clusters.denied-networks lets cluster clients connect to {}, a cloud metadata address",
                        metadata);
            }
        }
        return denied;
    }

    @Bean
    KubeconfigValidator kubeconfigValidator(DeniedNetworks deniedNetworks) {
        return new KubeconfigValidator(deniedNetworks, HostResolver.SYSTEM);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
