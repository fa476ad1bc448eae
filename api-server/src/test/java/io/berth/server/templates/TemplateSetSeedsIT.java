package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateSetSeedsIT extends TemplateTestBase {

    @Test
    void seedsLoadTheExamplesOnceAndLeaveExistingSetsAlone() {
        assertProblem(api.post(SETS + "/seeds", tokenWithRole("operator"), "{}"), 403, "forbidden");

        Reply first = api.post(SETS + "/seeds", ADMIN_TOKEN, "{}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("created").valueStream().map(JsonNode::asString))
                .containsExactly("nginx-web@1.0.0", "etcd-cluster@1.0.0");
        assertThat(first.json().get("skipped")).isEmpty();
        JsonNode nginx = api.get(SETS + "/nginx-web/versions/1.0.0", ADMIN_TOKEN).json();
        assertThat(nginx.get("digest").asString()).startsWith("sha256:");
        assertThat(api.get(SETS + "/etcd-cluster", ADMIN_TOKEN).json().get("labels").get("berth.io/example").asString()).isEqualTo("true");
        Reply rendered = api.post(SETS + "/etcd-cluster/versions/1.0.0/render", ADMIN_TOKEN, "{}");
        assertThat(rendered.json().get("manifests").get(0).get("object").get("spec").get("size").asInt()).isEqualTo(3);

        Reply second = api.post(SETS + "/seeds", ADMIN_TOKEN, "{}");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("created")).isEmpty();
        assertThat(second.json().get("skipped").valueStream().map(JsonNode::asString)).containsExactly("nginx-web", "etcd-cluster");
        assertThat(api.get(SETS + "/nginx-web/versions/1.0.0", ADMIN_TOKEN).json().get("digest").asString())
                .isEqualTo(nginx.get("digest").asString());
    }
}
