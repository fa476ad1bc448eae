package io.berth.template.internal.helm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API server that stands in for a cluster in a worker: it knows every group-version and holds nothing. */
class NullClusterTest {

    private NullCluster cluster;

    @BeforeEach
    void start() throws IOException {
        cluster = NullCluster.start();
    }

    @AfterEach
    void stop() throws IOException {
        cluster.close();
    }

    @Test
    void discoveryOfAGroupVersionFindsNoResources() throws IOException {
        assertThat(get("/api/v1?timeout=32s")).isEqualTo(
                "200 {\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\",\"resources\":[]}");
        assertThat(get("/apis/apps/v1")).contains("\"groupVersion\":\"apps/v1\"", "\"resources\":[]");
    }

    @Test
    void everyObjectAndListIsNotFound() throws IOException {
        assertThat(get("/api/v1/namespaces/default/secrets/x")).startsWith("404 ").contains("\"reason\":\"NotFound\"");
        assertThat(get("/api")).startsWith("404 ");
        assertThat(get("/apis/example.com/v1/widgets")).startsWith("404 ");
    }

    @Test
    void writesAKubeconfigThatNamesOnlyItself(@TempDir Path home) throws IOException {
        cluster.writeKubeconfig(home);

        assertThat(home.resolve(".kube/config")).content()
                .contains("server: http://127.0.0.1:" + cluster.port() + "\n", "current-context: none")
                .doesNotContain("token", "certificate");
    }

    @Test
    void clusterPointersInTheEnvironmentAreFound() {
        assertThat(HelmWorkerMain.clusterPointer(Map.of("HOME", "/h", "PATH", "/bin"))).isNull();
        assertThat(HelmWorkerMain.clusterPointer(Map.of("HOME", "/h", "KUBECONFIG", "/k"))).isEqualTo("KUBECONFIG");
        assertThat(HelmWorkerMain.clusterPointer(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")))
                .isEqualTo("KUBERNETES_SERVICE_HOST");
        assertThat(HelmWorkerMain.clusterPointer(Map.of("HELM_KUBEAPISERVER", "https://x"))).isEqualTo("HELM_KUBEAPISERVER");
    }

    private String get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + cluster.port() + path)
                .openConnection();
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
