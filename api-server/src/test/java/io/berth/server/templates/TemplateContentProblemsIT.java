package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Template content that Berth's YAML reader would have misread or described in the parser's words:
 * each is a 422 problem naming the document and path, in Berth's words, and nothing is published.
 */
class TemplateContentProblemsIT extends TemplateTestBase {

    @Test
    void yamlNestedTooDeeplyIsRefusedInBerthsWords() {
        String set = createSet("deep");
        String nested = "  a: " + "[".repeat(600) + "]".repeat(600) + "\n";

        Reply reply = publish(set, "1.0.0", content(configMap("deep", nested), "{}"));

        assertProblem(reply, 422, "invalid-template");
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("content.documents[0]");
        assertThat(error.get("message").asString()).endsWith("nested deeper than 500 levels");
        assertThat(reply.body()).doesNotContain("StreamReadConstraints").doesNotContain("getMax").doesNotContain("`");
        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void yamlTagsAreRefusedNamingDocumentAndPath() {
        String set = createSet("tags");
        String documents = configMap("plain", "  a: b\n") + "---\n"
                + configMap("tagged", "  run: !!python/object:os.system echo\n  kind: !custom {x: 1}\n  port: !!str 8080\n");

        Reply reply = publish(set, "1.0.0", content(documents, "{}"));

        assertProblem(reply, 422, "invalid-template");
        List<String> fields = reply.json().get("errors").findValuesAsString("field");
        assertThat(fields).containsExactly("content.documents[1].data.run", "content.documents[1].data.kind",
                "content.documents[1].data.port");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("!!python/object:os.system");
        assertThat(api.get(SETS + "/" + set + "/versions/1.0.0", ADMIN_TOKEN).status()).isEqualTo(404);
    }
}
