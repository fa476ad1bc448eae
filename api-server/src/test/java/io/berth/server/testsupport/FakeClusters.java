package io.berth.server.testsupport;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.Map;
import java.util.Queue;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;

/**
 * Stand-ins for clusters, on fabric8's mock server over HTTPS with a self-signed certificate: one that
 * answers (CRUD mode), one that refuses the credentials (401), a port where nothing listens, and the
 * answering one reached with the wrong certificate authority.
 */
public final class FakeClusters implements AutoCloseable {

    public static final String TOKEN = "sim-token-7f3c9a2b4d6e8f10a1b2c3d4e5f60718";

    private final List<KubernetesMockServer> servers = new ArrayList<>();
    private final KubernetesMockServer answering;
    private final String answeringCa;
    private final KubernetesMockServer refusing;
    private final String refusingCa;
    private final int closedPort;

    public FakeClusters() {
        MockWebServer answeringHttp = new MockWebServer();
        // The mixed dispatcher keeps objects like a CRUD server and also answers expectations such as /version.
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        answering = new KubernetesMockServer(new Context(), answeringHttp, responses, new KubernetesMixedDispatcher(responses), true,
                new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.4").build());
        answering.init();
        answeringCa = pemOf(answeringHttp);
        servers.add(answering);

        MockWebServer refusingHttp = new MockWebServer();
        refusing = new KubernetesMockServer(new Context(), refusingHttp, new HashMap<>(), true);
        refusing.init();
        refusingCa = pemOf(refusingHttp);
        var unauthorized = new StatusBuilder().withCode(401).withReason("Unauthorized").withMessage("Unauthorized").build();
        refusing.expect().get().withPath("/version").andReturn(401, unauthorized).always();
        refusing.expect().get().withPath("/api/v1/nodes?limit=1").andReturn(401, unauthorized).always();
        refusing.expect().get().withPath("/api/v1/namespaces").andReturn(401, unauthorized).always();
        servers.add(refusing);

        closedPort = freePort();
    }

    /** A cluster that answers; the CRUD server keeps what is created in it. */
    public String answeringKubeconfig() {
        return kubeconfig("https://localhost:" + answering.getPort(), answeringCa, TOKEN);
    }

    /** The same cluster with another token (the mock accepts any token: used for rotation tests). */
    public String answeringKubeconfig(String token) {
        return kubeconfig("https://localhost:" + answering.getPort(), answeringCa, token);
    }

    public KubernetesMockServer answeringServer() {
        return answering;
    }

    /** A cluster that answers 401 to everything. */
    public String refusingKubeconfig() {
        return kubeconfig("https://localhost:" + refusing.getPort(), refusingCa, TOKEN);
    }

    /** A port where nothing listens. */
    public String downKubeconfig() {
        return kubeconfig("https://localhost:" + closedPort, answeringCa, TOKEN);
    }

    /** The answering cluster, but trusting another server's certificate: the handshake must fail. */
    public String wrongCertificateKubeconfig() {
        return kubeconfig("https://localhost:" + answering.getPort(), refusingCa, TOKEN);
    }

    public static String kubeconfig(String server, String caPem, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sim
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: sim-admin
                  user:
                    token: %s
                contexts:
                - name: sim
                  context:
                    cluster: sim
                    user: sim-admin
                current-context: sim
                """.formatted(server, ca, token);
    }

    @Override
    public void close() {
        servers.forEach(KubernetesMockServer::destroy);
    }

    private static String pemOf(MockWebServer server) {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
