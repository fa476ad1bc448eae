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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a cluster's client connects: where the proxy comes from, and that denied networks stay unreached. */
class ClusterClientsTest {

    private static final String TOKEN = "client-test-token-5f1e";
    // fabric8's own names (read from system properties before the environment) and the JDK's.
    private static final List<String> PROXY_PROPERTIES = List.of("https.proxy", "http.proxy", "all.proxy",
            "https.proxyHost", "http.proxyHost", "socksProxyHost");
    private static final List<String> PROXY_PORT_PROPERTIES = List.of("https.proxyPort", "http.proxyPort",
            "socksProxyPort");

    private final SecureRandom random = new SecureRandom();
    private final CredentialVault vault = new CredentialVault(
            new CredentialCipher(new EncryptionKeyring(EncryptionKey.generate(random), List.of()), random));
    private final ClusterRegistrySettings settings = new ClusterRegistrySettings(Duration.ofMinutes(1),
            Duration.ofSeconds(5), 2, Duration.ofSeconds(10), false, Duration.ofMinutes(10));
    private final Map<String, String> savedProperties = new HashMap<>();

    private KubernetesMockServer server;
    private ClusterClients clients;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(false);
        server.init();
    }

    @AfterEach
    void stop() {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        if (clients != null) {
            clients.destroy();
        }
        server.destroy();
    }

    @Test
    void connectsDirectlyWhateverProxyBerthsEnvironmentNames() throws IOException {
        try (QueueOnlyListener environmentProxy = new QueueOnlyListener()) {
            int port = environmentProxy.port();
            PROXY_PROPERTIES.forEach(key -> setProperty(key, key.endsWith("Host") ? "127.0.0.1" : "http://127.0.0.1:" + port));
            PROXY_PORT_PROPERTIES.forEach(key -> setProperty(key, String.valueOf(port)));
            clients = new ClusterClients(vault, settings, DeniedNetworks.defaults());

            KubernetesClient client = clients.forCluster(cluster(kubeconfig(server.url("/"), null)));

            assertThat(client.getKubernetesVersion()).isNotNull();
            assertThat(server.getRequestCount()).isPositive();
            assertThat(environmentProxy.wasConnected()).isFalse();
        }
    }

    @Test
    void goesThroughTheKubeconfigsProxyEvenAnHttpProxyForAnHttpsServer() throws IOException {
        try (RecordingProxy proxy = new RecordingProxy()) {
            clients = new ClusterClients(vault, settings, DeniedNetworks.defaults());
            String kubeconfig = kubeconfig("https://cluster.example.invalid:6443", "http://127.0.0.1:" + proxy.port());

            KubernetesClient client = clients.forCluster(cluster(kubeconfig));

            assertThatThrownBy(client::getKubernetesVersion).isNotNull();
            assertThat(proxy.requestLines()).first().asString().startsWith("CONNECT cluster.example.invalid:6443 ");
        }
    }

    @Test
    void refusesToConnectToADeniedNetworkWhateverTheStoredKubeconfigSays() {
        // The kubeconfig passed validation when stored; the address its server resolves to is now denied.
        clients = new ClusterClients(vault, settings, DeniedNetworks.of(List.of("127.0.0.0/8", "::1/128")));
        String serverUrl = server.url("/");

        KubernetesClient client = clients.forCluster(cluster(kubeconfig(serverUrl, null)));

        Throwable failure = catchFailure(client);
        assertThat(causes(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(DeniedDestinationException.class));
        assertThat(server.getRequestCount()).isZero();
        assertThat(FailureClassifier.classify(failure, serverUrl).reason())
                .startsWith("Berth refused to connect for " + serverUrl)
                .contains("denied network 127.0.0.0/8").contains("berth.clusters.denied-networks");
    }

    @Test
    void refusesToConnectToAProxyInADeniedNetwork() throws IOException {
        try (QueueOnlyListener proxy = new QueueOnlyListener()) {
            clients = new ClusterClients(vault, settings, DeniedNetworks.of(List.of("127.0.0.0/8")));
            String kubeconfig = kubeconfig("https://cluster.example.invalid:6443", "http://127.0.0.1:" + proxy.port());

            Throwable failure = catchFailure(clients.forCluster(cluster(kubeconfig)));

            assertThat(causes(failure)).anySatisfy(cause -> assertThat(cause).isInstanceOf(DeniedDestinationException.class));
            assertThat(proxy.wasConnected()).isFalse();
        }
    }

    @Test
    void refusesAStoredProxyThatWasNeverAllowedInsteadOfUsingOrSkippingIt() throws IOException {
        try (QueueOnlyListener proxy = new QueueOnlyListener()) {
            clients = new ClusterClients(vault, settings, DeniedNetworks.defaults());
            String kubeconfig = kubeconfig(server.url("/"), "http://127.0.0.1:" + proxy.port());
            ClusterEntity storedWithoutConsent = cluster(kubeconfig, KubeconfigAllowances.NONE);

            assertThatThrownBy(() -> clients.forCluster(storedWithoutConsent))
                    .isInstanceOf(UnapprovedProxyException.class).hasMessageContaining("allowProxy: true");
            assertThat(proxy.wasConnected()).isFalse();
            assertThat(server.getRequestCount()).isZero();
        }
    }

    /** A cluster stored as registration stores it, with a proxy allowed. */
    private ClusterEntity cluster(String kubeconfig) {
        return cluster(kubeconfig, new KubeconfigAllowances(false, true));
    }

    private ClusterEntity cluster(String kubeconfig, KubeconfigAllowances allowed) {
        ClusterEntity cluster = new ClusterEntity("test-cluster", "tester", Instant.now());
        vault.store(cluster, "https://cluster.example.invalid", "test", allowed, kubeconfig, Instant.now());
        return cluster;
    }

    private static String kubeconfig(String server, String proxyUrl) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                %s
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
                """.formatted(server, proxyUrl == null ? "" : "    proxy-url: " + proxyUrl, TOKEN);
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
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

    /**
     * A port that listens but never accepts: a connection attempt that reached it waits in the kernel's queue,
     * where {@link #wasConnected()} finds it without any timing.
     */
    private static final class QueueOnlyListener implements AutoCloseable {

        private final ServerSocketChannel channel;

        QueueOnlyListener() throws IOException {
            channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            channel.configureBlocking(false);
        }

        int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        boolean wasConnected() throws IOException {
            try (SocketChannel accepted = channel.accept()) {
                return accepted != null;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** An HTTP proxy that records each request line and answers 502. */
    private static final class RecordingProxy implements AutoCloseable {

        private final ServerSocket socket;
        private final List<String> requestLines = new CopyOnWriteArrayList<>();

        RecordingProxy() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(this::serve, "recording-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requestLines() {
            return requestLines;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                    requestLines.add(String.valueOf(reader.readLine()));
                    connection.getOutputStream().write(
                            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
