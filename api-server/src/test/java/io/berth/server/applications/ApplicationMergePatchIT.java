package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PATCH of an application is a JSON Merge Patch (RFC 7386) of its spec, at every depth: keys left
 * out stay, null removes a key, arrays are replaced whole. An image-only upgrade changes the image
 * and nothing else.
 */
class ApplicationMergePatchIT extends ApplicationTestBase {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void anImageOnlyPatchKeepsEveryReplicaCountWhereverItIsHeld() {
        String east = newCluster("east");
        String west = newCluster("west");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(east, "shop"), target(west, "shop")), "wait", true)));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN,
                Map.of("replicas", 5, "clusters", List.of(east), "wait", true))));
        assertThat(statefulSet(east).getSpec().getReplicas()).isEqualTo(5);

        String etag = api.get(APPS + "/" + app, ADMIN_TOKEN).header("ETag");
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, "{\"values\":{\"image\":\"nginx:1.28\"},\"wait\":true}",
                "Content-Type", MERGE_PATCH, "If-Match", etag)));

        assertThat(statefulSet(east).getSpec().getReplicas()).as("scaled with the scale action").isEqualTo(5);
        assertThat(statefulSet(west).getSpec().getReplicas()).as("set in the values").isEqualTo(1);
        for (String cluster : List.of(east, west)) {
            assertThat(statefulSet(cluster).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("nginx:1.28");
        }
        JsonNode third = api.get(APPS + "/" + app + "/revisions/3", ADMIN_TOKEN).json();
        assertThat(third.get("values")).isEqualTo(Api.JSON.readTree("{\"replicas\":1,\"image\":\"nginx:1.28\"}"));
    }

    @Test
    void nullRemovesAValueSoTheTemplateDefaultAppliesAgain() {
        String cluster = newCluster("null");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1, "image", "nginx:1.28"), "targets", List.of(target(cluster, "shop")))));

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, "{\"values\":{\"replicas\":null}}",
                "Content-Type", MERGE_PATCH)));

        StatefulSet sts = simulated(cluster).client().apps().statefulSets().inNamespace("shop").withName("web").get();
        assertThat(sts.getSpec().getReplicas()).as("the template's default").isEqualTo(3);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
        assertThat(api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json().get("values"))
                .isEqualTo(Api.JSON.readTree("{\"image\":\"nginx:1.28\"}"));
    }

    @Test
    void nestedObjectsMergeKeyByKeyAndLabelsToo() {
        String set = settingsTemplateSet();
        String cluster = newCluster("nested");
        String app = unique("cfg");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", set, "version", "1.0.0",
                "values", Map.of("settings", Map.of("a", "1", "b", "2", "c", "3")), "labels", Map.of("team", "web", "tier", "db"),
                "targets", List.of(target(cluster, "cfg")))));

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                "{\"values\":{\"settings\":{\"b\":null,\"c\":\"30\",\"d\":\"4\"}},\"labels\":{\"tier\":null,\"env\":\"prod\"}}",
                "Content-Type", MERGE_PATCH)));

        assertThat(api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json().get("values"))
                .isEqualTo(Api.JSON.readTree("{\"settings\":{\"a\":\"1\",\"c\":\"30\",\"d\":\"4\"}}"));
        // kube-sim's server-side apply does not drop a key Berth stops applying (docs/kube-sim.md), so only
        // what was kept and changed can be seen on the cluster
        assertThat(simulated(cluster).client().configMaps().inNamespace("cfg").withName("settings").get().getData())
                .containsAllEntriesOf(Map.of("a", "1", "c", "30", "d", "4"));
        JsonNode view = application(app);
        assertThat(view.get("labels")).isEqualTo(Api.JSON.readTree("{\"team\":\"web\",\"env\":\"prod\"}"));
    }

    @Test
    void anArrayIsReplacedWholeAndATargetsValuesWithIt() {
        String set = settingsTemplateSet();
        String cluster = newCluster("array");
        String app = unique("cfg");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", set, "version", "1.0.0",
                "values", Map.of("settings", Map.of("a", "1")),
                "targets", List.of(Map.of("cluster", cluster, "namespace", "cfg", "values", Map.of("settings", Map.of("t", "x")))))));

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("targets", List.of(target(cluster, "cfg"))))));

        JsonNode second = api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json();
        assertThat(second.get("values")).isEqualTo(Api.JSON.readTree("{\"settings\":{\"a\":\"1\"}}"));
        assertThat(second.get("targets").get(0).get("values").isEmpty()).as(second.toString()).isTrue();
    }

    @Test
    void numbersInTheValuesAreKeptExactlyThroughEveryRevision() {
        String set = settingsTemplateSet();
        String cluster = newCluster("exact");
        String app = unique("cfg");
        awaitSucceeded(accepted(api.post(APPS, ADMIN_TOKEN, "{\"name\":\"" + app + "\",\"templateSet\":\"" + set + "\","
                + "\"version\":\"1.0.0\",\"values\":{\"settings\":{\"a\":\"1\"},\"ratio\":0.1000000000000000000000001,"
                + "\"serial\":12345678901234567890123},\"targets\":[{\"cluster\":\"" + cluster + "\",\"namespace\":\"cfg\"}]}")));

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, "{\"values\":{\"settings\":{\"b\":\"2\"}}}",
                "Content-Type", MERGE_PATCH)));

        JsonNode values = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                .readTree(api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).body()).get("values");
        assertThat(values.get("ratio").decimalValue()).isEqualByComparingTo("0.1000000000000000000000001");
        assertThat(values.get("serial").bigIntegerValue()).hasToString("12345678901234567890123");
        assertThat(values.get("settings")).isEqualTo(Api.JSON.readTree("{\"a\":\"1\",\"b\":\"2\"}"));
    }

    @Test
    void removingTheVersionIsAValidationProblemAndChangesNothing() {
        String cluster = newCluster("noversion");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "shop")))));

        Api.Reply reply = api.patch(APPS + "/" + app, ADMIN_TOKEN, "{\"version\":null}", "Content-Type", MERGE_PATCH);

        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
        assertThat(application(app).get("currentRevision").asInt()).isEqualTo(1);
    }

    @Test
    void aPatchThatIsNotAnObjectIsABadRequest() {
        String cluster = newCluster("notobject");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "shop")))));

        for (String patch : List.of("null", "[]", "\"values\"", "3")) {
            Api.Reply reply = api.raw("PATCH", APPS + "/" + app, ADMIN_TOKEN, HttpRequest.BodyPublishers.ofString(patch),
                    "Content-Type", MERGE_PATCH);
            assertProblem(reply, 400, "malformed-request");
        }
        assertThat(application(app).get("currentRevision").asInt()).isEqualTo(1);
    }

    private StatefulSet statefulSet(String cluster) {
        return simulated(cluster).client().apps().statefulSets().inNamespace("shop").withName("web").get();
    }

    /**
     * A template set whose version 1.0.0 renders one ConfigMap whose data is the {@code settings} object;
     * its schema also takes two numbers the documents do not use.
     */
    private String settingsTemplateSet() {
        String set = unique("settings");
        assertThat(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        Map<String, Object> content = Map.of(
                "documents", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {{ settings }}\n",
                "parametersSchema", Map.of("type", "object", "properties", Map.of(
                        "settings", Map.of("type", "object", "additionalProperties", Map.of("type", "string")),
                        "ratio", Map.of("type", "number"), "serial", Map.of("type", "integer"))));
        Api.Reply published = api.post("/api/v1/template-sets/" + set + "/versions", ADMIN_TOKEN,
                Map.of("version", "1.0.0", "content", content));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        return set;
    }
}
