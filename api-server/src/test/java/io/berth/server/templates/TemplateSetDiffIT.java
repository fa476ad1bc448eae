package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSetDiffIT extends TemplateTestBase {

    @Test
    void diffOfContentsIsAUnifiedDiffOfDocumentsSchemaAndDefaults() {
        String set = createSet("diff");
        published(set, "1.0.0", example("nginx-web"));
        Map<String, Object> changed = new LinkedHashMap<>(example("nginx-web"));
        changed.put("documents", ((String) changed.get("documents")).replace("minReadySeconds: 10", "minReadySeconds: 30"));
        changed.put("defaults", Map.of("replicas", 4));
        published(set, "1.1.0", changed);

        Reply reply = api.get(diff(set, "1.0.0", "1.1.0"), tokenWithRole("viewer"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.body())
                .startsWith("--- " + set + " 1.0.0\n+++ " + set + " 1.1.0\n@@ ")
                .contains("\n-  minReadySeconds: 10\n+  minReadySeconds: 30\n")
                .contains("\n # defaults\n-{ }\n+{\n+  \"replicas\" : 4\n+}\n")
                .doesNotContain("(rendered)");
    }

    @Test
    void withValuesTheRenderedOutputsAreComparedToo() {
        String set = createSet("rendered");
        published(set, "1.0.0", example("nginx-web"));
        Map<String, Object> changed = new LinkedHashMap<>(example("nginx-web"));
        changed.put("documents", ((String) changed.get("documents")).replace("minReadySeconds: 10", "minReadySeconds: 30"));
        published(set, "2.0.0", changed);

        Reply reply = api.get(diff(set, "1.0.0", "2.0.0") + "?values=" + encode("{\"replicas\":5}"), ADMIN_TOKEN);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String rendered = reply.body().substring(reply.body().indexOf("--- " + set + " 1.0.0 (rendered)\n+++ " + set + " 2.0.0 (rendered)\n"));
        assertThat(rendered).contains("\n   replicas: 5\n-  minReadySeconds: 10\n+  minReadySeconds: 30\n");
    }

    @Test
    void aVersionComparedWithItselfHasAnEmptyDiff() {
        String set = createSet("same");
        published(set, "1.0.0", example("etcd-cluster"));
        published(set, "1.0.1", example("etcd-cluster"));

        Reply reply = api.get(diff(set, "1.0.0", "1.0.1") + "?values=" + encode("{\"size\":3}"), ADMIN_TOKEN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void badValuesOrUnknownVersionsAreProblems() {
        String set = createSet("bad");
        published(set, "1.0.0", example("etcd-cluster"));
        published(set, "1.1.0", example("etcd-cluster"));

        assertProblem(api.get(diff(set, "1.0.0", "9.9.9"), ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.get(diff(set, "1.0.0", "1.1.0") + "?values=" + encode("[1,2]"), ADMIN_TOKEN), 400, "malformed-request");
        assertProblem(api.get(diff(set, "1.0.0", "1.1.0") + "?values=" + encode("{size"), ADMIN_TOKEN), 400, "malformed-request");
        Reply failing = api.get(diff(set, "1.0.0", "1.1.0") + "?values=" + encode("{\"size\":9}"), ADMIN_TOKEN);
        assertProblem(failing, 422, "render-failed");
        assertThat(failing.json().get("errors").get(0).get("field").asString()).isEqualTo("values.size");
    }

    private static String diff(String set, String from, String to) {
        return SETS + "/" + set + "/versions/" + from + "/diff/" + to;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
