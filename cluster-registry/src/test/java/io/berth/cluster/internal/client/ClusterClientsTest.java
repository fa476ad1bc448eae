package io.berth.cluster.internal.client;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.internal.ClusterEntity;
import io.berth.cluster.internal.CredentialVault;
import io.berth.cluster.internal.KubeconfigAllowances;
import io.berth.cluster.internal.crypto.CredentialCipher;
import io.berth.cluster.internal.crypto.EncryptionKey;
import io.berth.cluster.internal.crypto.EncryptionKeyring;
import io.berth.cluster.internal.network.DeniedDestinationException;
import io.berth.cluster.internal.network.DeniedNetworks;
import io.berth.cluster.internal.probe.FailureClassifier;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** How a cluster's client connects: denied networks stay unreached. */
class ClusterClientsTest {

    private static final String TOKEN = "client-test-token-5f1e";

    private final SecureRandom random = new SecureRandom();
    private final CredentialVault vault = new CredentialVault(
            new CredentialCipher(new EncryptionKeyring(EncryptionKey.generate(random), List.of()), random));
    private final ClusterRegistrySettings settings = new ClusterRegistrySettings(Duration.ofMinutes(1),
            Duration.ofSeconds(5), 2, Duration.ofSeconds(10), false);

    private KubernetesMockServer server;
    private ClusterClients clients;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(false);
        server.init();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.destroy();
        }
        server.destroy();
    }

    @Test
    void refusesToConnectToADeniedNetworkWhateverTheStoredKubeconfigSays() {
        // The kubeconfig was accepted when stored; the address its server resolves to is now denied.
        clients = new ClusterClients(vault, settings, DeniedNetworks.of(List.of("127.0.0.0/8", "::1/128")));
        String serverUrl = server.url("/");

        KubernetesClient client = clients.forCluster(cluster(kubeconfig(serverUrl)));

        Throwable failure = catchFailure(client);
        assertThat(causes(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(DeniedDestinationException.class));
        assertThat(server.getRequestCount()).isZero();
        assertThat(FailureClassifier.classify(failure, serverUrl).reason())
                .startsWith("Berth refused to connect for " + serverUrl)
                .contains("denied network 127.0.0.0/8").contains("berth.clusters.denied-networks");
    }

    private ClusterEntity cluster(String kubeconfig) {
        ClusterEntity cluster = new ClusterEntity("test-cluster", "tester", Instant.now());
        vault.store(cluster, "https://cluster.example.invalid", "test", KubeconfigAllowances.NONE, kubeconfig,
                Instant.now());
        return cluster;
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                users:
                - name: test
                  user:
                    token: %s
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: test
                current-context: test
                """.formatted(server, TOKEN);
    }

    private static Throwable catchFailure(KubernetesClient client) {
        try {
            client.getKubernetesVersion();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        for (Throwable t = failure; t != null && causes.size() < 32; t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }
}
