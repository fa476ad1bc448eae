package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The non-resource documents kubectl reads: OpenAPI v3, API groups, health; everything else is 404. */
@SimulatedClusters
class DiscoveryDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KubernetesClient client;

    @BeforeAll
    static void connect(SimulatedCluster cluster) {
        client = cluster.outsideClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void openApiV3DeclaresServerSideFieldValidationForEveryKindIncludingCustomOnes() {
        JsonNode root = JSON.readTree(client.raw("/openapi/v3"));
        assertThat(root.path("paths").path("api/v1").path("serverRelativeURL").asString()).isEqualTo("/openapi/v3/api/v1");
        assertThat(root.path("paths").path("apis/apps/v1").path("serverRelativeURL").asString()).isEqualTo("/openapi/v3/apis/apps/v1");

        JsonNode core = JSON.readTree(client.raw("/openapi/v3/api/v1"));
        JsonNode patch = core.path("paths").path("/api/v1/namespaces/{namespace}/configmaps/{name}").path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asString()).isEqualTo("ConfigMap");
        assertThat(patch.path("parameters").get(0).path("name").asString()).isEqualTo("fieldValidation");
        assertThat(core.path("paths").has("/api/v1/nodes/{name}")).as("cluster-scoped").isTrue();

        assertThat(client.raw("/openapi/v3/apis/etcd.database.coreos.com/v1beta2")).isNull();
        client.apiextensions().v1().customResourceDefinitions().load(getClass().getResourceAsStream("/etcd-crd.yaml")).create();
        JsonNode etcd = JSON.readTree(client.raw("/openapi/v3/apis/etcd.database.coreos.com/v1beta2"));
        assertThat(etcd.path("paths").path("/apis/etcd.database.coreos.com/v1beta2/namespaces/{namespace}/etcdclusters/{name}")
                .path("patch").path("x-kubernetes-group-version-kind").path("kind").asString()).isEqualTo("EtcdCluster");
    }

    @Test
    void answersApiGroupsAndHealth() {
        JsonNode apps = JSON.readTree(client.raw("/apis/apps"));
        assertThat(apps.path("kind").asString()).isEqualTo("APIGroup");
        assertThat(apps.path("preferredVersion").path("groupVersion").asString()).isEqualTo("apps/v1");
        assertThat(client.raw("/healthz")).isEqualTo("ok");
        assertThat(client.raw("/readyz")).isEqualTo("ok");
    }

    @Test
    void otherPathsAreNotFoundInsteadOfListingTheStore() {
        assertThat(client.raw("/openapi/v2")).isNull();
        assertThat(client.raw("/apis/no.such.group")).isNull();
        assertThat(client.raw("/metrics")).isNull();
        assertThat(client.raw("/")).isNull();
    }
}
