package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateSetSeedsIT extends TemplateTestBase {

    private static final String[] EXAMPLES = {"nginx-web", "etcd-cluster", "etcd-operator", "etcd-backup-operator",
            "etcd-restore-operator"};

    @Test
    void seedsLoadTheExamplesOnceAndLeaveExistingSetsAlone() {
        assertProblem(api.post(SETS + "/seeds", tokenWithRole("operator"), "{}"), 403, "forbidden");
        // the API tests share one context: the application tests may have loaded the examples already
        boolean loadedBefore = api.get(SETS + "/nginx-web", ADMIN_TOKEN).status() == 200;

        Reply first = api.post(SETS + "/seeds", ADMIN_TOKEN, "{}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        if (loadedBefore) {
            assertThat(first.json().get("created")).isEmpty();
            assertThat(first.json().get("skipped").valueStream().map(JsonNode::asString)).containsExactly(EXAMPLES);
        } else {
            assertThat(first.json().get("created").valueStream().map(JsonNode::asString))
                    .containsExactly("nginx-web@1.0.0", "etcd-cluster@1.0.0", "etcd-cluster@1.1.0", "etcd-operator@1.0.0",
                            "etcd-backup-operator@1.0.0", "etcd-restore-operator@1.0.0");
            assertThat(first.json().get("skipped")).isEmpty();
        }
        JsonNode nginx = api.get(SETS + "/nginx-web/versions/1.0.0", ADMIN_TOKEN).json();
        assertThat(nginx.get("digest").asString()).startsWith("sha256:");
        assertThat(api.get(SETS + "/etcd-cluster", ADMIN_TOKEN).json().get("labels").get("berth.io/example").asString()).isEqualTo("true");
        Reply rendered = api.post(SETS + "/etcd-cluster/versions/1.0.0/render", ADMIN_TOKEN, "{}");
        assertThat(rendered.json().get("manifests").get(0).get("object").get("spec").get("size").asInt()).isEqualTo(3);

        Reply operator = api.post(SETS + "/etcd-operator/versions/1.0.0/render", ADMIN_TOKEN, Map.of("namespace", "etcd"));
        assertThat(operator.status()).as(operator.toString()).isEqualTo(200);
        assertThat(operator.json().get("manifests").valueStream().map(m -> m.get("kind").asString()))
                .containsExactly("CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
        JsonNode binding = operator.json().get("manifests").get(3).get("object");
        assertThat(binding.get("metadata").get("name").asString()).isEqualTo("etcd-operator-etcd");
        assertThat(binding.get("subjects").get(0).get("namespace").asString()).isEqualTo("etcd");
        JsonNode deployment = operator.json().get("manifests").get(4).get("object");
        assertThat(deployment.get("spec").get("template").get("spec").get("containers").get(0).get("image").asString())
                .isEqualTo("quay.io/coreos/etcd-operator:v0.9.4");

        // etcd-cluster 1.1.0 declares backups through the two backup operators, which render as the upstream ones
        JsonNode hint = api.get(SETS + "/etcd-cluster/versions/1.1.0/content", ADMIN_TOKEN).json().get("hints").get(0);
        assertThat(hint.get("backup").get("oneShot").get("reasonPath").asString()).isEqualTo("status.Reason");
        assertThat(hint.get("backup").get("restore").get("reasonPath").asString()).isEqualTo("status.reason");
        Reply restoreOperator = api.post(SETS + "/etcd-restore-operator/versions/1.0.0/render", ADMIN_TOKEN,
                Map.of("namespace", "etcd"));
        assertThat(restoreOperator.json().get("manifests").valueStream().map(m -> m.get("kind").asString())).containsExactly(
                "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment");
        assertThat(restoreOperator.json().get("manifests").get(5).get("object").get("spec").get("template").get("spec")
                .get("containers").get(0).get("command").valueStream().map(JsonNode::asString))
                .containsExactly("etcd-restore-operator", "--create-crd=false");

        Reply second = api.post(SETS + "/seeds", ADMIN_TOKEN, "{}");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("created")).isEmpty();
        assertThat(second.json().get("skipped").valueStream().map(JsonNode::asString)).containsExactly(EXAMPLES);
        assertThat(api.get(SETS + "/nginx-web/versions/1.0.0", ADMIN_TOKEN).json().get("digest").asString())
                .isEqualTo(nginx.get("digest").asString());
    }
}
