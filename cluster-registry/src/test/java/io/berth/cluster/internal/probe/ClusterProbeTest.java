package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterRegistrySettings;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.ProbeResult;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterProbeTest {

    private static final String VERSION_PATH = "/version";
    private static final String NODES_PATH = "/api/v1/nodes?limit=1";
    private static final String VERSION_JSON = """
            {"major": "1", "minor": "31", "gitVersion": "v1.31.4", "gitCommit": "a78aa47129b8539636eb86a9d00e31b2720fe06b",
             "gitTreeState": "clean", "buildDate": "2024-12-10T11:36:42Z", "goVersion": "go1.22.9",
             "compiler": "gc", "platform": "linux/amd64"}""";
    // Distinctive text in error bodies: reasons are written by Berth and must not repeat it.
    private static final String SECRET_BODY = "token=s3cr3t-in-body";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ClusterProbe probe;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(false);
        server.init();
        // The mock server answers /version on its own; these tests decide what it answers.
        server.clearExpectations();
        client = clientAsBerthBuildsIt(server.url("/"));
    }

    /** Configured the way ClusterClients configures a registered cluster's client: no hidden retries. */
    private static KubernetesClient clientAsBerthBuildsIt(String url) {
        Config config = Config.fromKubeconfig("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: prober
                  user:
                    token: not-a-real-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: prober
                current-context: mock
                """.formatted(url));
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(30_000);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.destroy();
        }
        client.close();
        server.destroy();
    }

    private ClusterProbe probeWithTimeout(Duration probeTimeout) {
        probe = new ClusterProbe(new ClusterRegistrySettings(Duration.ofSeconds(60), probeTimeout, 2,
                Duration.ofSeconds(30), true, Duration.ofMinutes(10)), Clock.systemUTC());
        return probe;
    }

    private String serverUrl() {
        return server.url("/");
    }

    private static NodeList nodes(int count) {
        NodeListBuilder list = new NodeListBuilder();
        for (int i = 1; i <= count; i++) {
            list.addToItems(new NodeBuilder().withNewMetadata().withName("node-" + i).endMetadata().build());
        }
        return list.build();
    }

    private static String errorStatus(int code) {
        return "{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"status\": \"Failure\", \"code\": " + code
                + ", \"message\": \"" + SECRET_BODY + "\"}";
    }

    @Test
    void answeringServerIsReadyWithItsGitVersionAndNodeCount() {
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(2)).once();
        Instant before = Instant.now();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.serverVersion()).isEqualTo("v1.31.4");
        assertThat(result.nodeCount()).isEqualTo(2);
        assertThat(result.reason()).contains("v1.31.4").contains("2 node(s)");
        assertThat(result.probedAt()).isBetween(before, Instant.now());
    }

    @Test
    void nodeCountIncludesTheNodesBeyondTheFirstPage() {
        NodeList firstPage = nodes(1);
        firstPage.setMetadata(new ListMetaBuilder().withContinue("next-page").withRemainingItemCount(999L).build());
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, firstPage).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.nodeCount()).isEqualTo(1000);
    }

    @Test
    void aServerThatCountsTheNodesLeftIsAskedForOneNodeOnly() {
        NodeList oneOfMany = nodes(1);
        oneOfMany.setMetadata(new ListMetaBuilder().withContinue("next").withRemainingItemCount(4_999L).build());
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath("/api/v1/nodes?limit=1").andReturn(200, oneOfMany).once();
        int before = server.getRequestCount();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).as(result.reason()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.nodeCount()).isEqualTo(5_000);
        assertThat(server.getRequestCount() - before).as("requests: the version and one node").isEqualTo(2);
    }

    @Test
    void aProbeGivenTheRecordedVersionAsksOnlyForANodeAndReadsNoVersion() {
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(3)).once();
        int before = server.getRequestCount();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl(), "v1.31.4");

        assertThat(result.status()).as(result.reason()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.reason()).contains("v1.31.4").contains("3 node(s)");
        assertThat(result.serverVersion()).as("none was read: the recorded one stays").isNull();
        assertThat(server.getRequestCount() - before).isEqualTo(1);
    }

    @Test
    void serverWithoutAGitVersionIsDescribedByMajorAndMinor() {
        server.expect().get().withPath(VERSION_PATH).andReturn(200, "{\"major\": \"1\", \"minor\": \"30\"}").once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(1)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.serverVersion()).isEqualTo("1.30");
        assertThat(result.nodeCount()).isEqualTo(1);
    }

    @Test
    void clusterWithoutNodesIsReadyWithZeroNodes() {
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(0)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.nodeCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedCredentialsOnVersionAreUnauthorized(int code) {
        // always: on a 401 the client asks once more after trying to refresh its token, as a real server would refuse it again
        server.expect().get().withPath(VERSION_PATH).andReturn(code, errorStatus(code)).always();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Unauthorized);
        assertThat(result.reason()).contains("HTTP " + code).doesNotContain(SECRET_BODY);
        assertThat(result.serverVersion()).isNull();
        assertThat(result.nodeCount()).isNull();
    }

    @Test
    void forbiddenNodeListIsUnauthorized() {
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(403, errorStatus(403)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Unauthorized);
        assertThat(result.reason()).contains("HTTP 403").doesNotContain(SECRET_BODY);
        assertThat(result.serverVersion()).isNull();
    }

    @Test
    void serverErrorIsUnreachableNamingTheCode() {
        server.expect().get().withPath(VERSION_PATH).andReturn(503, errorStatus(503)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(result.reason()).contains("HTTP 503").doesNotContain(SECRET_BODY);
    }

    @Test
    void answerLaterThanTheProbeTimeoutIsUnreachableAndDoesNotWaitForIt() {
        server.expect().get().delay(5, TimeUnit.SECONDS).withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(2)).once();
        ClusterProbe impatient = probeWithTimeout(Duration.ofMillis(300));

        long started = System.nanoTime();
        ProbeResult result = impatient.probe(client, serverUrl());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(result.reason()).isEqualTo("No answer from " + serverUrl() + " within 300 ms");
        assertThat(result.serverVersion()).isNull();
        assertThat(result.nodeCount()).isNull();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverThatIsGoneIsUnreachable() {
        String url = serverUrl();
        server.destroy();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, url);

        assertThat(result.status()).isEqualTo(ClusterStatus.Unreachable);
        assertThat(result.reason()).isEqualTo("Connection to " + url + " was refused");
    }

    @Test
    void blankGitVersionWithoutMajorIsReportedAsUnknown() {
        server.expect().get().withPath(VERSION_PATH).andReturn(200, "{\"gitVersion\": \"\"}").once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, nodes(2)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.serverVersion()).isNull();
        assertThat(result.reason()).doesNotContain("null").contains("version unknown");
    }

    @Test
    void nodePagesAreFollowedWhenTheServerDoesNotSayHowManyRemain() {
        NodeList firstPage = nodes(1);
        firstPage.setMetadata(new ListMetaBuilder().withContinue("page-2").build());
        server.expect().get().withPath(VERSION_PATH).andReturn(200, VERSION_JSON).once();
        server.expect().get().withPath(NODES_PATH).andReturn(200, firstPage).once();
        server.expect().get().withPath("/api/v1/nodes?continue=page-2&limit=500").andReturn(200, nodes(3)).once();

        ProbeResult result = probeWithTimeout(Duration.ofSeconds(5)).probe(client, serverUrl());

        assertThat(result.status()).isEqualTo(ClusterStatus.Ready);
        assertThat(result.nodeCount()).isEqualTo(4);
    }
}
