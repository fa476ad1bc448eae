package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PATCH as a real API server answers it: 200 with the patched object, whatever the patch type. */
@SimulatedClusters
class PatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONFIG_MAP = "/api/v1/namespaces/patch/configmaps/settings";
    private static final String WEB = "/apis/apps/v1/namespaces/patch/statefulsets/web";

    private static KubernetesClient client;
    private static RawApi api;

    @BeforeAll
    static void arrange(SimulatedCluster cluster) {
        client = cluster.client();
        api = RawApi.of(cluster);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("patch").endMetadata().build()).create();
        client.configMaps().inNamespace("patch").resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .addToData("a", "1").build()).create();
        client.apps().statefulSets().inNamespace("patch").resource(web()).create();
    }

    @Test
    void everyPatchTypeAnswers200WithThePatchedObject() {
        assertPatched("application/merge-patch+json", "{\"data\":{\"merge\":\"yes\"}}", "merge");
        assertPatched("application/json-patch+json", "[{\"op\":\"add\",\"path\":\"/data/json\",\"value\":\"yes\"}]", "json");
        assertPatched("application/strategic-merge-patch+json", "{\"data\":{\"strategic\":\"yes\"}}", "strategic");

        HttpResponse<String> applied = api.send("PATCH", CONFIG_MAP + "?fieldManager=test", "application/apply-patch+yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  applied: \"yes\"\n");
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(applied.body()).path("data").path("applied").asString()).isEqualTo("yes");
        assertThat(client.configMaps().inNamespace("patch").withName("settings").get().getData())
                .containsEntry("a", "1").containsEntry("merge", "yes").containsEntry("json", "yes").containsEntry("strategic", "yes");
    }

    @Test
    void strategicMergePatchMergesContainersByNameAndHonoursDeleteDirectives() {
        HttpResponse<String> response = api.send("PATCH", WEB, "application/strategic-merge-patch+json", """
                {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}},
                  "spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"},{"name":"log","$patch":"delete"}]}}}}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        StatefulSet patched = client.apps().statefulSets().inNamespace("patch").withName("web").get();
        var containers = patched.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("nginx=nginx:1.27", "sidecar=busybox:1.37");
        assertThat(containers.get(0).getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(80));
        assertThat(patched.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
        assertThat(patched.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "web");
    }

    @Test
    void aPatchOfAStatefulSetKeepsItsStatusAndMovesItsGenerationOn() {
        StatefulSet before = client.apps().statefulSets().inNamespace("patch").withName("web").get();

        HttpResponse<String> response = api.send("PATCH", WEB, "application/merge-patch+json",
                "{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":42}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode patched = JSON.readTree(response.body());
        assertThat(patched.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(patched.path("status").path("replicas").asInt()).isNotEqualTo(42);
        assertThat(patched.path("metadata").path("generation").asLong()).isGreaterThan(before.getMetadata().getGeneration());
    }

    @Test
    void anUnknownPatchTypeIsRefusedWith415() {
        assertThat(api.send("PATCH", CONFIG_MAP, "application/xml", "<data/>").statusCode()).isEqualTo(415);
    }

    private static void assertPatched(String contentType, String body, String key) {
        HttpResponse<String> response = api.send("PATCH", CONFIG_MAP, contentType, body);
        assertThat(response.statusCode()).as(contentType).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data").path(key).asString()).as(contentType).isEqualTo("yes");
    }

    private static StatefulSet web() {
        return new StatefulSetBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("web")
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("nginx").withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort().endContainer()
                .addNewContainer().withName("log").withImage("busybox:1.36").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
