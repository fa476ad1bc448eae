package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ClusterRegistrationIT extends ApiTestBase {

    @Test
    void registersAnAnsweringClusterAndProbesItAtOnce() {
        String name = unique("prod");
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of(
                "name", name, "displayName", "Production", "labels", Map.of("env", "prod"),
                "kubeconfig", CLUSTERS.answeringKubeconfig()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/clusters/" + name);
        assertThat(reply.header("ETag")).isEqualTo(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag"));
        JsonNode cluster = reply.json();
        assertThat(cluster.get("status").asString()).isEqualTo("Ready");
        assertThat(cluster.get("nodeCount").asInt()).isZero();
        assertThat(cluster.get("serverVersion").asString()).isNotBlank();
        assertThat(cluster.get("lastProbeAt").asString()).isNotBlank();
        assertThat(cluster.get("lastReadyAt").asString()).isNotBlank();
        assertThat(cluster.get("context").asString()).isEqualTo("sim");
        assertThat(cluster.get("labels").get("env").asString()).isEqualTo("prod");
        assertThat(reply.body()).doesNotContain("kubeconfig").doesNotContain(TOKEN_OF_FAKE_CLUSTERS);
    }

    private static final String TOKEN_OF_FAKE_CLUSTERS = io.berth.server.testsupport.FakeClusters.TOKEN;
}
