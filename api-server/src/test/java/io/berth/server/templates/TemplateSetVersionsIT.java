package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateSetVersionsIT extends TemplateTestBase {

    @Test
    void publishStoresTheVersionWithItsDigestAndGivesTheContentBack() {
        String set = createSet("nginx");
        String operator = tokenWithRole("operator");

        Reply reply = api.post(SETS + "/" + set + "/versions", operator,
                Map.of("version", "1.0.0", "changelog", "First version", "content", example("nginx-web")));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo(SETS + "/" + set + "/versions/1.0.0");
        JsonNode version = reply.json();
        assertThat(version.get("templateSet").asString()).isEqualTo(set);
        assertThat(version.get("version").asString()).isEqualTo("1.0.0");
        assertThat(version.get("kind").asString()).isEqualTo("Simple");
        assertThat(version.get("changelog").asString()).isEqualTo("First version");
        assertThat(version.get("digest").asString()).matches("sha256:[0-9a-f]{64}");
        assertThat(version.get("createdBy").asString()).isNotBlank();

        JsonNode read = api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN).json();
        assertThat(read.get("digest").asString()).isEqualTo(version.get("digest").asString());

        JsonNode content = api.get(SETS + "/" + set + "/versions/1.0.0/content", ADMIN_TOKEN).json();
        assertThat(content.get("kind").asString()).isEqualTo("Simple");
        assertThat(content.get("documents").asString()).isEqualTo(example("nginx-web").get("documents"));
        assertThat(content.get("parametersSchema").get("properties").get("replicas").get("default").asInt()).isEqualTo(3);
        assertThat(content.get("hints").isArray()).isTrue();
    }

    @Test
    void contentReadBackPublishesWithTheSameDigest() {
        String set = createSet("roundtrip");
        String digest = publish(set, "1.0.0", example("etcd-cluster")).json().get("digest").asString();
        Map<String, Object> content = asMap(api.get(SETS + "/" + set + "/versions/1.0.0/content", ADMIN_TOKEN).body());

        Reply again = publish(set, "1.0.1", content);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("digest").asString()).isEqualTo(digest);
    }

    @Test
    void aPublishedVersionNumberIsNeverTakenAgainWhateverTheContent() {
        String set = createSet("immutable");
        String digest = publish(set, "1.0.0", example("etcd-cluster")).json().get("digest").asString();

        assertProblem(publish(set, "1.0.0", example("etcd-cluster")), 409, "already-exists");
        assertProblem(publish(set, "1.0.0", example("nginx-web")), 409, "already-exists");
        assertProblem(publish(set, "1.0.0", content("not: [valid", "{}")), 409, "already-exists");
        Reply buildOnly = publish(set, "1.0.0+build.7", example("nginx-web"));
        assertProblem(buildOnly, 409, "already-exists");
        assertThat(buildOnly.json().get("detail").asString()).contains("precedence");

        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN).json().get("digest").asString()).isEqualTo(digest);
        assertThat(api.get(SETS + "/" + set + "/versions", ADMIN_TOKEN).json().get("items")).hasSize(1);
    }

    @Test
    void versionNumbersMustBeSemanticVersions() {
        String set = createSet("semver");
        for (String bad : List.of("1.0", "v1.0.0", "01.0.0", "1.0.0-", "latest")) {
            Reply reply = publish(set, bad, example("etcd-cluster"));
            assertProblem(reply, 422, "validation-failed");
            assertThat(reply.json().get("errors").get(0).get("field").asString()).as(bad).isEqualTo("version");
        }
        Reply blank = api.post(SETS + "/" + set + "/versions", ADMIN_TOKEN, Map.of("content", example("etcd-cluster")));
        assertProblem(blank, 422, "validation-failed");
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
        assertThat(api.get(SETS + "/" + set + "/versions", ADMIN_TOKEN).json().get("items")).isEmpty();
    }

    @Test
    void invalidContentIsRefusedWithEveryProblemByDocumentIndexAndPath() {
        String set = createSet("invalid");
        String documents = configMap("good", "  a: \"{{ a }}\"\n") + "---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n" + "---\n"
                + "kind: Service\nmetadata:\n  name: svc\nspec:\n  ports:\n  - port: {{ undeclared }}\n";
        Map<String, Object> content = content(documents, "{\"a\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\"}}");
        content.put("defaults", Map.of("n", "not a number"));
        content.put("hints", List.of(Map.of("apiVersion", "v1", "kind", "Pod", "scale", Map.of("replicasPath", "spec.size"))));

        Reply reply = publish(set, "1.0.0", content);

        assertProblem(reply, 422, "invalid-template");
        List<String> fields = fields(reply);
        assertThat(fields).contains("content.documents[1].metadata.name", "content.documents[2].apiVersion",
                "content.documents[2].spec.ports[0].port", "content.defaults.n", "content.hints[0]");
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("message").asString()))
                .anyMatch(m -> m.contains("undeclared"));
        assertThat(reply.json().get("detail").asString()).contains("see errors");
        assertThat(api.get(SETS + "/" + set + "/versions", ADMIN_TOKEN).json().get("items")).isEmpty();
    }

    @Test
    void badParametersSchemaAndYamlAreNamedByPart() {
        String set = createSet("schema");
        Map<String, Object> badSchema = new LinkedHashMap<>();
        badSchema.put("documents", configMap("c", "  a: x\n"));
        badSchema.put("parametersSchema", Map.of("type", "array"));

        assertThat(fields(publish(set, "1.0.0", badSchema))).containsExactly("content.parametersSchema.type");

        Reply yaml = publish(set, "1.0.0", content("apiVersion: v1\nkind: [unclosed\n", "{}"));
        assertProblem(yaml, 422, "invalid-template");
        assertThat(fields(yaml)).allMatch(f -> f.startsWith("content.documents[0]"));
        assertThat(yaml.json().get("errors").get(0).get("message").asString()).containsIgnoringCase("line");
    }

    @Test
    void contentOverTheLimitsIs413() {
        String set = createSet("large");
        // the tests run with berth.templates.max-version-bytes=48KB under a request limit of 64KB
        Reply bytes = publish(set, "1.0.0", content(configMap("big", "  blob: \"" + "x".repeat(50 * 1024) + "\"\n"), "{}"));
        assertProblem(bytes, 413, "payload-too-large");
        assertThat(bytes.json().get("detail").asString()).contains("berth.templates.max-version-bytes");

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : "---\n").append(configMap("c" + i, "  a: b\n"));
        }
        Reply documents = publish(set, "1.0.0", content(many.toString(), "{}"));
        assertProblem(documents, 413, "payload-too-large");
        assertThat(documents.json().get("detail").asString()).contains("201 documents", "berth.templates.max-documents");
    }

    @Test
    void unknownSetOrVersionIsNotFound() {
        String set = createSet("missing");
        assertProblem(publish("no-such-set", "1.0.0", example("etcd-cluster")), 404, "not-found");
        assertProblem(api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.get(SETS + "/" + set + "/versions/1.0.0/content", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.delete(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN, Map.of()), 404, "not-found");
    }

    @Test
    void versionsAreListedNewestFirstBySemverAndPagedWithCursors() {
        String set = createSet("order");
        for (String v : List.of("1.9.0", "1.10.0", "1.9.0-rc.1", "0.1.0", "1.9.0-rc.10", "1.9.0-beta", "2.0.0-alpha")) {
            published(set, v, example("etcd-cluster"));
        }
        List<String> expected = List.of("2.0.0-alpha", "1.10.0", "1.9.0", "1.9.0-rc.10", "1.9.0-rc.1", "1.9.0-beta", "0.1.0");

        assertThat(versions(set, "")).containsExactlyElementsOf(expected);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(SETS + "/" + set + "/versions?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), ADMIN_TOKEN).json();
            page.get("items").forEach(item -> paged.add(item.get("version").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(expected);
        // "v1:nope": a cursor of the right form whose key is no version
        assertProblem(api.get(SETS + "/" + set + "/versions?cursor=djE6bm9wZQ", ADMIN_TOKEN), 400, "malformed-request");
    }

    @Test
    void deletingAVersionFreesItsNumberAndLeavesTheOthers() {
        String set = createSet("delete");
        published(set, "1.0.0", example("etcd-cluster"));
        published(set, "1.1.0", example("etcd-cluster"));

        assertThat(renderedKinds(set, "1.0.0")).contains("EtcdCluster");

        Reply deleted = api.delete(SETS + "/" + set + "/versions/1.0.0", tokenWithRole("operator"));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(versions(set, "")).containsExactly("1.1.0");
        assertProblem(api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN, Map.of()), 404, "not-found");
        assertThat(publish(set, "1.0.0", example("nginx-web")).status()).isEqualTo(201);
        // the number published again is another version: rendered with its own content, never the one rendered before
        assertThat(renderedKinds(set, "1.0.0")).contains("StatefulSet").doesNotContain("EtcdCluster");
    }

    private List<String> renderedKinds(String set, String version) {
        JsonNode rendered = api.post(SETS + "/" + set + "/versions/" + version + "/render", ADMIN_TOKEN, Map.of()).expect(200);
        List<String> kinds = new ArrayList<>();
        rendered.get("manifests").forEach(m -> kinds.add(m.get("object").get("kind").asString()));
        return kinds;
    }

    @Test
    void viewerReadsVersionsButCannotPublishOrDelete() {
        String viewer = tokenWithRole("viewer");
        String set = createSet("viewer");
        published(set, "1.0.0", example("etcd-cluster"));

        assertThat(api.get(SETS + "/" + set + "/versions", viewer).status()).isEqualTo(200);
        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0", viewer).status()).isEqualTo(200);
        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0/content", viewer).status()).isEqualTo(200);
        assertProblem(api.post(SETS + "/" + set + "/versions", viewer,
                Map.of("version", "1.1.0", "content", example("etcd-cluster"))), 403, "forbidden");
        assertProblem(api.delete(SETS + "/" + set + "/versions/1.0.0", viewer), 403, "forbidden");
        assertThat(versions(set, "")).containsExactly("1.0.0");
    }

    @Test
    void helmContentNeedsAChartAndNothingOfSimpleContent() {
        String set = createSet("kind");
        Map<String, Object> helm = new LinkedHashMap<>(example("etcd-cluster"));
        helm.put("kind", "Helm");

        Reply reply = publish(set, "1.0.0", helm);

        assertProblem(reply, 422, "validation-failed");
        assertThat(fields(reply)).containsExactlyInAnyOrder("content.chart", "content.documents",
                "content.parametersSchema", "content.defaults", "content.hints");
    }

    private List<String> versions(String set, String query) {
        Reply reply = api.get(SETS + "/" + set + "/versions" + query, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("items").valueStream().map(item -> item.get("version").asString()).toList();
    }

    private static List<String> fields(Reply reply) {
        return reply.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String body) {
        return io.berth.server.testsupport.Api.JSON.readValue(body, Map.class);
    }
}
