package io.berth.server.web;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import io.berth.server.testsupport.FakeClusters;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request body is read strictly: a field Berth does not know, a key given twice, a value of
 * the wrong JSON type (no coercion), a number too big for its field and anything after the JSON
 * document are a 400 problem naming the field; nothing is done.
 */
class StrictBodiesIT extends ApiTestBase {

    private static final String KUBECONFIG_SECRET = FakeClusters.TOKEN;

    /** One misspelled field per request body of the API, and the path the problem must name. */
    static Stream<Arguments> everyBodyWithAnUnknownField() {
        return Stream.of(
                arguments("POST", "/api/v1/clusters",
                        "{\"name\":\"strict-c\",\"kubeconfig\":\"token: " + KUBECONFIG_SECRET + "\",\"lables\":{}}", "lables"),
                arguments("PATCH", "/api/v1/clusters/strict-c", "{\"displayNmae\":\"x\"}", "displayNmae"),
                arguments("PUT", "/api/v1/clusters/strict-c/credentials",
                        "{\"kubeconfig\":\"token: " + KUBECONFIG_SECRET + "\",\"contxt\":\"a\"}", "contxt"),
                arguments("POST", "/api/v1/tokens", "{\"name\":\"strict-t\",\"role\":\"viewer\",\"expires\":null}", "expires"),
                arguments("POST", "/api/v1/template-sets", "{\"name\":\"strict-s\",\"descripton\":\"x\"}", "descripton"),
                arguments("PATCH", "/api/v1/template-sets/strict-s", "{\"label\":{\"a\":\"b\"}}", "label"),
                arguments("POST", "/api/v1/template-sets/strict-s/versions",
                        "{\"version\":\"1.0.0\",\"content\":{\"documents\":\"a: b\",\"hints\":[{\"apiVersion\":\"x/v1\","
                                + "\"kind\":\"X\",\"scale\":{\"replicaPath\":\"spec.size\"}}]}}",
                        "content.hints[0].scale.replicaPath"),
                arguments("POST", "/api/v1/template-sets/strict-s/versions", "{\"version\":\"1.0.0\",\"contents\":{}}", "contents"),
                arguments("POST", "/api/v1/template-sets/nginx-web/versions/1.0.0/render", "{\"value\":{\"replicas\":1}}", "value"),
                arguments("POST", "/api/v1/applications",
                        "{\"name\":\"strict-a\",\"templateSet\":\"nginx-web\",\"version\":\"1.0.0\","
                                + "\"targets\":[{\"cluster\":\"c\",\"namespce\":\"web\"}]}", "targets[0].namespce"),
                arguments("PATCH", "/api/v1/applications/strict-a",
                        "{\"clusterSelector\":{\"labelSelector\":\"a=b\",\"namspace\":\"web\"}}", "clusterSelector.namspace"),
                arguments("PATCH", "/api/v1/applications/strict-a", "{\"valeus\":null}", "valeus"),
                arguments("PUT", "/api/v1/applications/strict-a", "{\"version\":\"1.0.0\",\"valeus\":{}}", "valeus"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"clustrs\":[\"sim-9\"]}", "clustrs"),
                arguments("POST", "/api/v1/applications/strict-a/rollback", "{\"revison\":1}", "revison"));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("everyBodyWithAnUnknownField")
    void anUnknownFieldIsABadRequestNamingIt(String method, String path, String body, String field) {
        Api.Reply reply = send(method, path, body);

        assertProblem(reply, 400, "malformed-request");
        assertThat(errors(reply)).containsExactly(field);
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("unknown field");
        assertThat(reply.json().get("detail").asString()).contains(field);
        assertThat(reply.body()).doesNotContain(KUBECONFIG_SECRET).doesNotContain("tools.jackson")
                .doesNotContain("io.berth");
    }

    @Test
    void aCreateWithAnUnknownFieldCreatesNothing() {
        String name = unique("strict");

        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "viewer", "expiresIn", "1d")),
                400, "malformed-request");
        assertProblem(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", name, "lables", Map.of())),
                400, "malformed-request");
        assertProblem(api.post("/api/v1/clusters", ADMIN_TOKEN,
                Map.of("name", name, "kubeconfig", CLUSTERS.answeringKubeconfig(), "allowInsecureTLS", true)),
                400, "malformed-request");

        assertThat(api.get("/api/v1/tokens?limit=500", ADMIN_TOKEN).json().get("items").valueStream()
                .map(t -> t.get("name").asString())).doesNotContain(name);
        assertThat(api.get("/api/v1/template-sets/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    /** A value of the wrong JSON type is never converted: body, field, and what the problem says it must be. */
    static Stream<Arguments> valuesOfTheWrongType() {
        return Stream.of(
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":\"3\"}", "replicas", "must be an integer"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":3.5}", "replicas", "must be an integer"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":3.0}", "replicas", "must be an integer"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"workload\":12}", "workload", "must be a string"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"wait\":1}", "wait", "must be true or false"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"wait\":\"true\"}", "wait", "must be true or false"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"clusters\":\"sim-9\"}", "clusters", "must be an array"),
                arguments("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"clusters\":[9]}", "clusters[0]", "must be a string"),
                arguments("POST", "/api/v1/applications/strict-a/rollback", "{\"revision\":\"1\"}", "revision", "must be an integer"),
                arguments("POST", "/api/v1/template-sets", "{\"name\":\"strict-s\",\"description\":true}", "description", "must be a string"),
                arguments("POST", "/api/v1/template-sets", "{\"name\":\"strict-s\",\"labels\":{\"tier\":1}}", "labels.tier", "must be a string"),
                arguments("POST", "/api/v1/template-sets", "{\"name\":\"strict-s\",\"labels\":[\"tier\"]}", "labels", "must be an object"),
                arguments("POST", "/api/v1/tokens", "{\"name\":\"strict-t\",\"role\":1}", "role", "must be one of"),
                arguments("POST", "/api/v1/tokens", "{\"name\":\"strict-t\",\"role\":\"viewer\",\"expiresAt\":1893456000}",
                        "expiresAt", "RFC 3339"),
                arguments("POST", "/api/v1/tokens", "{\"name\":\"strict-t\",\"role\":\"viewer\",\"expiresAt\":\"1893456000\"}",
                        "expiresAt", "RFC 3339"),
                arguments("POST", "/api/v1/clusters", "{\"name\":\"strict-c\",\"kubeconfig\":\"token: " + KUBECONFIG_SECRET
                        + "\",\"allowInsecureTls\":\"yes\"}", "allowInsecureTls", "must be true or false"),
                arguments("POST", "/api/v1/applications", "{\"name\":\"strict-a\",\"templateSet\":\"nginx-web\",\"version\":1,"
                        + "\"targets\":[{\"cluster\":\"c\",\"namespace\":\"web\"}]}", "version", "must be a string"),
                arguments("POST", "/api/v1/applications", "{\"name\":\"strict-a\",\"templateSet\":\"nginx-web\",\"version\":\"1.0.0\","
                        + "\"targets\":[{\"cluster\":\"c\",\"namespace\":5}]}", "targets[0].namespace", "must be a string"),
                arguments("POST", "/api/v1/applications", "{\"name\":\"strict-a\",\"templateSet\":\"nginx-web\",\"version\":\"1.0.0\","
                        + "\"values\":\"replicas=3\"}", "values", "must be an object"),
                arguments("PATCH", "/api/v1/applications/strict-a", "{\"timeoutSeconds\":\"60\"}", "timeoutSeconds", "must be an integer"),
                arguments("PATCH", "/api/v1/clusters/strict-c", "{\"labels\":{\"tier\":false}}", "labels.tier", "must be a string"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("valuesOfTheWrongType")
    void aValueOfTheWrongTypeIsABadRequestNamingTheField(String method, String path, String body, String field, String message) {
        Api.Reply reply = send(method, path, body);

        assertProblem(reply, 400, "malformed-request");
        assertThat(errors(reply)).containsExactly(field);
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains(message);
        assertThat(reply.body()).doesNotContain(KUBECONFIG_SECRET).doesNotContain("tools.jackson").doesNotContain("java.");
    }

    @Test
    void aNumberTooBigForItsFieldIsABadRequest() {
        Api.Reply scale = send("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":12345678901234567890123}");
        Api.Reply rollback = send("POST", "/api/v1/applications/strict-a/rollback", "{\"revision\":2147483648}");

        assertProblem(scale, 400, "malformed-request");
        assertThat(errors(scale)).containsExactly("replicas");
        assertThat(scale.json().get("errors").get(0).get("message").asString()).contains("out of range").contains("2147483647");
        assertProblem(rollback, 400, "malformed-request");
        assertThat(errors(rollback)).containsExactly("revision");
    }

    @Test
    void aKeyGivenTwiceIsABadRequestNamingItAtAnyDepth() {
        Api.Reply top = send("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,\"replicas\":3}");
        Api.Reply inValues = send("POST", "/api/v1/applications", "{\"name\":\"strict-a\",\"templateSet\":\"nginx-web\","
                + "\"version\":\"1.0.0\",\"values\":{\"image\":\"nginx:1.27\",\"image\":\"nginx:1.28\"}}");
        Api.Reply inSchema = send("POST", "/api/v1/template-sets/strict-s/versions", "{\"version\":\"1.0.0\",\"content\":"
                + "{\"documents\":\"a: b\",\"parametersSchema\":{\"properties\":{\"a\":{\"type\":\"string\"},\"a\":{}}}}}");
        Api.Reply inPatch = send("PATCH", "/api/v1/applications/strict-a", "{\"values\":{\"resources\":{\"cpu\":1,\"cpu\":null}}}");

        for (var duplicate : List.of(Map.entry(top, "replicas"), Map.entry(inValues, "values.image"),
                Map.entry(inSchema, "content.parametersSchema.properties.a"), Map.entry(inPatch, "values.resources.cpu"))) {
            Api.Reply reply = duplicate.getKey();
            assertProblem(reply, 400, "malformed-request");
            assertThat(errors(reply)).containsExactly(duplicate.getValue());
            assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("given twice");
        }
    }

    @Test
    void anythingAfterTheJsonDocumentIsABadRequest() {
        for (String trailing : List.of("{\"replicas\":2} {\"replicas\":3}", "{\"replicas\":2} 5", "{\"replicas\":2} x")) {
            Api.Reply reply = send("POST", "/api/v1/applications/strict-a/scale", trailing);

            assertProblem(reply, 400, "malformed-request");
            assertThat(reply.json().get("detail").asString()).as(trailing).contains("after the JSON document");
        }
    }

    @Test
    void aBodyThatIsNotAnObjectOrNotJsonIsABadRequestSayingSo() {
        Api.Reply array = send("POST", "/api/v1/applications/strict-a/scale", "[{\"replicas\":2}]");
        Api.Reply broken = send("POST", "/api/v1/applications/strict-a/scale", "{\"replicas\":2,");
        Api.Reply patchArray = send("PATCH", "/api/v1/applications/strict-a", "[{\"op\":\"replace\"}]");

        assertProblem(array, 400, "malformed-request");
        assertThat(array.json().get("detail").asString()).contains("JSON object");
        assertProblem(broken, 400, "malformed-request");
        assertThat(broken.json().get("detail").asString()).contains("not valid JSON");
        assertProblem(patchArray, 400, "malformed-request");
        assertThat(patchArray.json().get("detail").asString()).contains("JSON object");
    }

    @Test
    void numbersInFreeFormValuesAreKeptExactly() {
        String set = unique("exact");
        assertThat(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        Map<String, Object> content = Map.of(
                "documents", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n"
                        + "  size: {{ size }}\n  ratio: {{ ratio }}\n",
                "parametersSchema", Map.of("type", "object", "properties",
                        Map.of("size", Map.of("type", "integer"), "ratio", Map.of("type", "number"))));
        Api.Reply published = api.post("/api/v1/template-sets/" + set + "/versions", ADMIN_TOKEN,
                Map.of("version", "1.0.0", "content", content));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);

        Api.Reply rendered = send("POST", "/api/v1/template-sets/" + set + "/versions/1.0.0/render",
                "{\"values\":{\"size\":12345678901234567890123,\"ratio\":0.1000000000000000000000001}}");

        assertThat(rendered.status()).as(rendered.toString()).isEqualTo(200);
        JsonNode spec = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                .readTree(rendered.body()).get("manifests").get(0).get("object").get("spec");
        assertThat(spec.get("size").bigIntegerValue()).hasToString("12345678901234567890123");
        assertThat(spec.get("ratio").decimalValue()).hasToString("0.1000000000000000000000001");
        assertThat(rendered.json().get("yaml").asString())
                .contains("size: 12345678901234567890123").contains("ratio: 0.1000000000000000000000001");
    }

    private Api.Reply send(String method, String path, String body) {
        return api.raw(method, path, ADMIN_TOKEN, HttpRequest.BodyPublishers.ofString(body));
    }

    private static List<String> errors(Api.Reply reply) {
        JsonNode errors = reply.json().get("errors");
        return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
