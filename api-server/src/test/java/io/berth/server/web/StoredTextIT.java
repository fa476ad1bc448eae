package io.berth.server.web;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Text Berth cannot store as sent (U+0000, unpaired surrogates) is refused with a 400 naming the field,
 * in every request body, before anything is stored; the text itself is never quoted back.
 */
class StoredTextIT extends ApiTestBase {

    private static final String SETS = "/api/v1/template-sets";
    /** A JSON escape for U+0000 and one for a lone high surrogate, as a client would send them. */
    private static final String NUL = "\\u0000";
    private static final String LONE = "\\ud800";

    @Test
    void nulInANameIsRefusedNamingTheField() {
        String name = unique("nul");
        Reply reply = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + name + NUL + "\"}");

        assertRefused(reply, "name");
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void nulInADescriptionIsRefusedAndNothingIsStored() {
        String name = unique("desc");
        Reply reply = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"description\":\"a" + NUL + "b\"}");

        assertRefused(reply, "description");
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", name)).status()).as("no false 'exists already'").isEqualTo(201);
    }

    @Test
    void nulInALabelKeyOrValueIsRefused() {
        Reply value = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + unique("lv") + "\",\"labels\":{\"team\":\"a" + NUL + "\"}}");
        Reply key = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + unique("lk") + "\",\"labels\":{\"te" + NUL + "am\":\"a\"}}");

        assertRefused(value, "labels.team");
        assertRefused(key, "labels.te\\u0000am");
    }

    @Test
    void nulInAClusterDisplayNameEditIsRefused() {
        String cluster = unique("text");
        register(cluster, CLUSTERS.answeringKubeconfig());

        assertRefused(api.patch("/api/v1/clusters/" + cluster, ADMIN_TOKEN, "{\"displayName\":\"x" + NUL + "\"}"), "displayName");
        assertThat(api.get("/api/v1/clusters/" + cluster, ADMIN_TOKEN).json().path("displayName").isString()).isFalse();
    }

    @Test
    void nulInTemplateDocumentsOrChangelogIsRefused() {
        String set = unique("docs");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        String documents = "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: x\\ndata:\\n  a: b" + NUL + "\\n";

        Reply reply = api.post(SETS + "/" + set + "/versions", ADMIN_TOKEN, "{\"version\":\"1.0.0\",\"changelog\":\"first"
                + NUL + "\",\"content\":{\"documents\":\"" + documents + "\"}}");

        JsonNode problem = assertRefused(reply, "changelog");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("changelog", "content.documents");
        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void nulInApplicationValuesIsRefused() {
        Reply reply = api.post("/api/v1/applications", ADMIN_TOKEN, "{\"name\":\"" + unique("app") + "\",\"templateSet\":"
                + "\"nginx-web\",\"version\":\"1.0.0\",\"values\":{\"image\":\"nginx" + NUL + "\"},\"targets\":[]}");

        assertRefused(reply, "values.image");
    }

    @Test
    void loneSurrogateIsRefusedInsteadOfStoredAsQuestionMark() {
        String name = unique("lone");
        Reply reply = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"description\":\"ship " + LONE + "\"}");

        JsonNode problem = assertRefused(reply, "description");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("surrogate");
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void aSurrogatePairIsOrdinaryText() {
        String name = unique("pair");
        Reply reply = api.post(SETS, ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"description\":\"ship \\ud83d\\udea2\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).json().get("description").asString()).isEqualTo("ship \uD83D\uDEA2");
    }

    @Test
    void nulInAFormPartIsRefused() {
        String set = unique("form");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        String boundary = "berth-boundary-7d3";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "version", null, "1.0.0".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "changelog", null, "first\0".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "chart", "web-1.0.0.tgz", new byte[] {31, -117, 8, 0});
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        Reply reply = api.raw("POST", SETS + "/" + set + "/versions/upload", ADMIN_TOKEN,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "Content-Type", "multipart/form-data; boundary=" + boundary);

        assertRefused(reply, "changelog");
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String filename, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "\r\nContent-Type: text/plain; charset=UTF-8" : "; filename=\"" + filename
                + "\"\r\nContent-Type: application/gzip") + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static JsonNode assertRefused(Reply reply, String field) {
        assertProblem(reply, 400, "malformed-request");
        JsonNode problem = reply.json();
        List<String> fields = problem.get("errors").findValuesAsString("field");
        assertThat(fields).contains(field);
        assertThat(problem.get("detail").asString()).contains(fields.get(0));
        // the text at fault is never sent back, raw or as a JSON escape (a field path shows it as \\u0000 text)
        assertThat(reply.body()).doesNotContain(String.valueOf((char) 0));
        assertThat(reply.body().replace("\\\\", "")).doesNotContain("\\u0000").doesNotContain("\\ud800");
        return problem;
    }
}
