package io.berth.server.templates;

import io.berth.template.helm.TestCharts;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;

/** Helm versions through the API: publish a chart built in the test, read it back, render, diff, refusals. */
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class TemplateSetHelmIT extends TemplateTestBase {

    @Test
    void publishAChartReadItBackAndPublishItAgainWithTheSameDigest() throws Exception {
        String set = createSet("helm");
        byte[] archive = TestCharts.web().chartArchive();

        Reply reply = publish(set, "1.0.0", helm(archive));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("kind").asString()).isEqualTo("Helm");
        String digest = reply.json().get("digest").asString();
        assertThat(digest).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)));

        JsonNode content = api.get(SETS + "/" + set + "/versions/1.0.0/content", ADMIN_TOKEN).json();
        assertThat(content.get("kind").asString()).isEqualTo("Helm");
        assertThat(Base64.getDecoder().decode(content.get("chart").asString())).isEqualTo(archive);

        Map<String, Object> again = new LinkedHashMap<>();
        again.put("kind", "Helm");
        again.put("chart", content.get("chart").asString());
        Reply republished = publish(set, "1.0.1", again);
        assertThat(republished.status()).as(republished.toString()).isEqualTo(201);
        assertThat(republished.json().get("digest").asString()).isEqualTo(digest);
    }

    @Test
    void renderWithTheChartsDefaultsAndWithValues() {
        String set = createSet("helm-render");
        published(set, "1.0.0", helm(TestCharts.web().chartArchive()));

        Reply defaults = api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN,
                Map.of("application", "shop", "namespace", "team-a"));

        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        JsonNode statefulSet = manifest(defaults, "StatefulSet");
        assertThat(statefulSet.get("name").asString()).isEqualTo("shop-web");
        assertThat(statefulSet.get("namespace").asString()).isEqualTo("team-a");
        assertThat(statefulSet.get("object").get("spec").get("replicas").asInt()).isEqualTo(3);
        assertThat(manifest(defaults, "Service").get("name").asString()).isEqualTo("shop-nginx");

        Reply five = api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN, Map.of("values", Map.of("replicas", 5)));

        assertThat(five.status()).as(five.toString()).isEqualTo(200);
        assertThat(manifest(five, "StatefulSet").get("object").get("spec").get("replicas").asInt()).isEqualTo(5);
        assertThat(manifest(five, "StatefulSet").get("name").asString()).isEqualTo("preview-web");

        Reply invalid = api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN, Map.of("values", Map.of("replicas", -1)));
        assertProblem(invalid, 422, "render-failed");
        assertThat(fields(invalid)).allMatch(f -> f.startsWith("values"));
    }

    @Test
    void aRenderThatMakesHelmPassItsMemoryLimitIsA422ThatNamesTheLimit() {
        String set = createSet("helm-grow");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", "apiVersion: v2\nname: grow\nversion: 0.1.0\n");
        files.put("values.yaml", "rows: 0\n");
        // keeps 10 KB per entry, as many entries as the values ask for: a viewer's values drive the growth
        files.put("templates/configmap.yaml", """
                {{- $kept := dict }}
                {{- range $i := until (int .Values.rows) }}{{ range $j := until 100000 }}
                {{- $_ := set $kept (printf "%d-%d" $i $j) (repeat 10000 "x") }}{{ end }}{{ end }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: grow
                data:
                  entries: "{{ len $kept }}"
                """);
        published(set, "1.0.0", helm(TestCharts.chart(files).chartArchive()));

        Reply grown = api.post(SETS + "/" + set + "/versions/1.0.0/render", tokenWithRole("viewer"),
                Map.of("values", Map.of("rows", 100_000)));

        assertProblem(grown, 422, "render-failed");
        assertThat(grown.json().get("errors").get(0).get("field").asString()).isEqualTo("chart");
        assertThat(grown.json().get("errors").get(0).get("message").asString())
                .startsWith("Helm needed more than 256 MB of memory rendering the chart (berth.templates.helm.memory)");
        Reply none = api.post(SETS + "/" + set + "/versions/1.0.0/render", ADMIN_TOKEN, Map.of("values", Map.of()));
        assertThat(none.status()).as("the next render gets a new worker: " + none).isEqualTo(200);
        assertThat(manifest(none, "ConfigMap").get("object").get("data").get("entries").asString()).isEqualTo("0");
    }

    @Test
    void diffWithoutValuesComparesTheChartsFilesAndWithValuesTheRenderedOutputs() {
        String set = createSet("helm-diff");
        published(set, "1.0.0", helm(TestCharts.web().chartArchive()));
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("values.yaml", TestCharts.VALUES_YAML.replace("replicas: 3", "replicas: 4"));
        published(set, "1.1.0", helm(TestCharts.chart(files).chartArchive()));

        Reply contentDiff = api.get(SETS + "/" + set + "/versions/1.0.0/diff/1.1.0", ADMIN_TOKEN);
        assertThat(contentDiff.status()).as(contentDiff.toString()).isEqualTo(200);
        assertThat(contentDiff.body()).contains("-replicas: 3").contains("+replicas: 4").contains("# values.yaml");

        Reply rendered = api.get(SETS + "/" + set + "/versions/1.0.0/diff/1.1.0?values=%7B%7D", ADMIN_TOKEN);
        assertThat(rendered.body()).contains("(rendered)").contains("-  replicas: 3").contains("+  replicas: 4");
    }

    @Test
    void aChartThatDoesNotLintIsRefusedWithItsProblems() {
        String set = createSet("helm-lint");
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("Chart.yaml", "apiVersion: v2\nname: web\n");

        Reply reply = publish(set, "1.0.0", helm(TestCharts.chart(files).chartArchive()));

        assertProblem(reply, 422, "invalid-template");
        assertThat(fields(reply)).isNotEmpty().allMatch(f -> f.startsWith("content.chart"));
        assertThat(reply.json().get("errors").toString()).containsIgnoringCase("version");
        assertThat(api.get(SETS + "/" + set + "/versions", ADMIN_TOKEN).json().get("items")).isEmpty();
    }

    @Test
    void anArchiveWithAZipSlipEntryIsRefused() {
        String set = createSet("helm-slip");
        TestCharts.Tar tar = new TestCharts.Tar().directory("web/");
        TestCharts.webFiles().forEach((path, text) -> tar.file("web/" + path, text));
        tar.file("web/../../evil.sh", "echo owned");

        Reply reply = publish(set, "1.0.0", helm(tar.gzip()));

        assertProblem(reply, 422, "invalid-template");
        assertThat(fields(reply)).contains("content.chart/web/../../evil.sh");
    }

    @Test
    void notAnArchiveAndNotBase64AreRefused() {
        String set = createSet("helm-bad");
        assertProblem(publish(set, "1.0.0", helm("plain text".getBytes())), 422, "invalid-template");
        Map<String, Object> notBase64 = Map.of("kind", "Helm", "chart", "***");
        Reply reply = publish(set, "1.0.0", notBase64);
        assertProblem(reply, 422, "validation-failed");
        assertThat(fields(reply)).containsExactly("content.chart");
    }

    @Test
    void aVersionNumberIsNotTakenTwice() {
        String set = createSet("helm-dup");
        published(set, "1.0.0", helm(TestCharts.web().chartArchive()));

        assertProblem(publish(set, "1.0.0", helm(TestCharts.web().chartArchive())), 409, "already-exists");
        assertProblem(publish(set, "1.0.0", example("nginx-web")), 409, "already-exists");
    }

    @Test
    void publishAChartAsAFormWithTheSameDigestAsJson() {
        String set = createSet("helm-form");
        byte[] archive = TestCharts.web().chartArchive();
        String digest = publish(set, "1.0.0", helm(archive)).json().get("digest").asString();

        Reply reply = form(set, tokenWithRole("operator"), "1.1.0", "as a form", archive);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo(SETS + "/" + set + "/versions/1.1.0");
        assertThat(reply.json().get("kind").asString()).isEqualTo("Helm");
        assertThat(reply.json().get("changelog").asString()).isEqualTo("as a form");
        assertThat(reply.json().get("digest").asString()).isEqualTo(digest);

        assertProblem(form(set, ADMIN_TOKEN, "1.1.0", null, archive), 409, "already-exists");
        assertProblem(form(set, tokenWithRole("viewer"), "1.2.0", null, archive), 403, "forbidden");
        Reply missing = form(set, ADMIN_TOKEN, "", null, null);
        assertProblem(missing, 422, "validation-failed");
        assertThat(fields(missing)).containsExactlyInAnyOrder("version", "chart");
        TestCharts.Tar tar = new TestCharts.Tar().directory("web/").file("web/../../evil.sh", "echo owned");
        Reply slip = form(set, ADMIN_TOKEN, "1.2.0", null, tar.gzip());
        assertProblem(slip, 422, "invalid-template");
        assertThat(fields(slip)).contains("content.chart/web/../../evil.sh");
    }

    @Test
    void aFormSentToTheVersionsCollectionItselfIsStillPublished() {
        String set = createSet("helm-form-old");
        byte[] archive = TestCharts.web().chartArchive();

        Reply reply = form(SETS + "/" + set + "/versions", set, tokenWithRole("operator"), "1.0.0", "as before", archive);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo(SETS + "/" + set + "/versions/1.0.0");
        assertThat(reply.json().get("kind").asString()).isEqualTo("Helm");
        assertProblem(form(SETS + "/" + set + "/versions", set, tokenWithRole("viewer"), "1.1.0", null, archive), 403, "forbidden");
        assertProblem(form(SETS + "/" + set + "/versions", set, ADMIN_TOKEN, "", null, null), 422, "validation-failed");
    }

    private Reply form(String set, String token, String version, String changelog, byte[] archive) {
        return form(SETS + "/" + set + "/versions/upload", set, token, version, changelog, archive);
    }

    private Reply form(String path, String set, String token, String version, String changelog, byte[] archive) {
        String boundary = "berth-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = s -> body.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" + version + "\r\n");
        if (changelog != null) {
            text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"changelog\"\r\n\r\n" + changelog + "\r\n");
        }
        if (archive != null) {
            text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"chart\"; filename=\"web-0.1.0.tgz\"\r\n"
                    + "Content-Type: application/gzip\r\n\r\n");
            body.writeBytes(archive);
            text.accept("\r\n");
        }
        text.accept("--" + boundary + "--\r\n");
        return api.raw("POST", path, token,
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    private static Map<String, Object> helm(byte[] archive) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", "Helm");
        content.put("chart", Base64.getEncoder().encodeToString(archive));
        return content;
    }

    private static JsonNode manifest(Reply reply, String kind) {
        return reply.json().get("manifests").valueStream().filter(m -> m.get("kind").asString().equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + reply));
    }

    private static List<String> fields(Reply reply) {
        return reply.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
