package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateSetRenderIT extends TemplateTestBase {

    @Test
    void nginxWebRendersThreeReplicasByDefaultAndFiveWithValues() {
        String set = createSet("nginx");
        published(set, "1.0.0", example("nginx-web"));
        String viewer = tokenWithRole("viewer");

        Reply defaults = api.post(render(set, "1.0.0"), viewer, Map.of());

        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        JsonNode manifests = defaults.json().get("manifests");
        assertThat(manifests.valueStream().map(m -> m.get("kind").asString() + "/" + m.get("name").asString()))
                .containsExactly("Service/nginx", "StatefulSet/web");
        JsonNode statefulSet = manifests.get(1);
        assertThat(statefulSet.get("apiVersion").asString()).isEqualTo("apps/v1");
        assertThat(statefulSet.get("namespace").isNull()).isTrue();
        assertThat(statefulSet.get("object").get("spec").get("replicas").asInt()).isEqualTo(3);
        assertThat(defaults.json().get("yaml").asString()).contains("replicas: 3\n", "image: \"nginx:1.27\"\n");

        Reply five = api.post(render(set, "1.0.0"), viewer, Map.of("values", Map.of("replicas", 5, "image", "nginx:1.28")));

        assertThat(five.status()).as(five.toString()).isEqualTo(200);
        assertThat(five.json().get("manifests").get(1).get("object").get("spec").get("replicas").isInt()).isTrue();
        assertThat(five.json().get("manifests").get(1).get("object").get("spec").get("replicas").asInt()).isEqualTo(5);
        assertThat(five.json().get("yaml").asString()).contains("replicas: 5\n", "image: \"nginx:1.28\"\n");
    }

    @Test
    void etcdClusterRendersItsSizeAsANumber() {
        String set = createSet("etcd");
        published(set, "1.0.0", example("etcd-cluster"));

        Reply reply = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("values", Map.of("size", 5)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode cluster = reply.json().get("manifests").get(0);
        assertThat(cluster.get("kind").asString()).isEqualTo("EtcdCluster");
        assertThat(cluster.get("object").get("spec").get("size").asInt()).isEqualTo(5);
        assertThat(cluster.get("object").get("spec").get("version").asString()).isEqualTo("3.2.13");
        assertThat(reply.json().get("yaml").asString()).contains("size: 5\n");
    }

    @Test
    void renderingIsDeterministic() {
        String set = createSet("same");
        published(set, "1.0.0", example("nginx-web"));
        Map<String, Object> values = new HashMap<>(Map.of("replicas", 4, "image", "nginx:1.28", "storageSize", "5Gi",
                "storageClassName", "fast"));

        Reply first = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("values", values));
        Reply second = api.post(render(set, "1.0.0"), ADMIN_TOKEN,
                "{\"values\":{\"storageClassName\":\"fast\",\"storageSize\":\"5Gi\",\"image\":\"nginx:1.28\",\"replicas\":4}}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void valuesThatBreakTheSchemaAreRefusedWithEveryPath() {
        String set = createSet("schema");
        published(set, "1.0.0", example("nginx-web"));

        Reply reply = api.post(render(set, "1.0.0"), ADMIN_TOKEN,
                Map.of("values", Map.of("replicas", -1, "storageSize", "1G", "unknown", true)));

        assertProblem(reply, 422, "render-failed");
        assertThat(fields(reply)).containsExactlyInAnyOrder("values.replicas", "values.storageSize", "values.unknown");
        assertThat(reply.json().get("detail").asString()).contains("1.0.0", set, "see errors");

        assertThat(fields(api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("values", Map.of("replicas", "three")))))
                .containsExactly("values.replicas");
    }

    @Test
    void aPlaceholderWithoutValueIsAnErrorNeverAnEmptyString() {
        String set = createSet("missing");
        published(set, "1.0.0", content(configMap("c", "  owner: \"{{ owner }}\"\n  region: \"{{ berth.clusterLabels.region }}\"\n"),
                "{\"owner\":{\"type\":\"string\"}}"));

        Reply reply = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of());

        assertProblem(reply, 422, "render-failed");
        assertThat(fields(reply)).containsExactlyInAnyOrder("documents[0].data.owner", "documents[0].data.region");
        assertThat(api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("values", Map.of("owner", "team-a"))).status())
                .as("the cluster label is still missing").isEqualTo(422);
    }

    @Test
    void anUnknownPlaceholderIsRefusedAtPublishSoItCanNeverReachARender() {
        String set = createSet("unknown");

        Reply reply = publish(set, "1.0.0", content(configMap("c", "  a: \"{{ nobody }}\"\n  b: \"{{ berth.nothing }}\"\n"), "{}"));

        assertProblem(reply, 422, "invalid-template");
        assertThat(fields(reply)).containsExactlyInAnyOrder("content.documents[0].data.a", "content.documents[0].data.b");
    }

    @Test
    void builtInsDefaultToAPreviewAndTakeTheLabelsOfARegisteredCluster() {
        String set = createSet("builtins");
        published(set, "1.0.0", content(configMap("c", "  app: \"{{ berth.application }}\"\n  ns: \"{{ berth.namespace }}\"\n"
                + "  cluster: \"{{ berth.cluster }}\"\n  region: \"{{ berth.clusterLabels.region }}\"\n"), "{}"));
        String cluster = unique("eu");
        api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", cluster, "labels", Map.of("region", "eu-west"),
                "kubeconfig", CLUSTERS.answeringKubeconfig()));

        Reply reply = api.post(render(set, "1.0.0"), ADMIN_TOKEN,
                Map.of("cluster", cluster, "namespace", "team-a", "application", "shop"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode data = reply.json().get("manifests").get(0).get("object").get("data");
        assertThat(data.get("app").asString()).isEqualTo("shop");
        assertThat(data.get("ns").asString()).isEqualTo("team-a");
        assertThat(data.get("cluster").asString()).isEqualTo(cluster);
        assertThat(data.get("region").asString()).isEqualTo("eu-west");

        Reply preview = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("values", Map.of()));
        assertProblem(preview, 422, "render-failed");
        assertThat(fields(preview)).containsExactly("documents[0].data.region");
    }

    @Test
    void previewBuiltInsAreUsedWhenNoneAreGiven() {
        String set = createSet("preview");
        published(set, "1.0.0", content(configMap("c", "  app: \"{{ berth.application }}\"\n  ns: \"{{ berth.namespace }}\"\n"
                + "  cluster: \"{{ berth.cluster }}\"\n"), "{}"));

        JsonNode data = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of()).json().get("manifests").get(0).get("object").get("data");

        assertThat(data.get("app").asString()).isEqualTo("preview");
        assertThat(data.get("ns").asString()).isEqualTo("default");
        assertThat(data.get("cluster").asString()).isEqualTo("preview");
    }

    @Test
    void builtInsMustBeDnsLabels() {
        String set = createSet("names");
        published(set, "1.0.0", example("etcd-cluster"));

        Reply reply = api.post(render(set, "1.0.0"), ADMIN_TOKEN, Map.of("namespace", "Team_A"));

        assertProblem(reply, 422, "validation-failed");
        assertThat(fields(reply)).containsExactly("namespace");
    }

    private static String render(String set, String version) {
        return SETS + "/" + set + "/versions/" + version + "/render";
    }

    private static List<String> fields(Reply reply) {
        return reply.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
