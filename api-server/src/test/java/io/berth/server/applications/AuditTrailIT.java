package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every change of an application leaves who, what, where, the result and the request id. */
class AuditTrailIT extends ApplicationTestBase {

    @Test
    void eachChangeIsRecordedWhenAcceptedAndWhenItEnds() {
        String cluster = newCluster("audit");
        String app = unique("web");
        var reply = api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web"))), "X-Request-Id", "deploy-" + app);
        JsonNode deployed = awaitSucceeded(accepted(reply));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 1))));
        assertThat(api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))).status()).as("a refused request").isEqualTo(409);

        JsonNode records = api.get("/api/v1/audit?application=" + app, ADMIN_TOKEN).json().get("items");
        assertThat(records.valueStream().map(r -> r.get("action").asString() + ":" + r.get("result").asString()))
                .containsExactly("Scale:Succeeded", "Scale:Accepted", "Deploy:Succeeded", "Deploy:Accepted");
        JsonNode accepted = records.get(3);
        assertThat(accepted.get("actor").asString()).isEqualTo("bootstrap-admin");
        assertThat(accepted.get("requestId").asString()).isEqualTo("deploy-" + app);
        assertThat(accepted.get("operationId").asString()).isEqualTo(deployed.get("id").asString());
        assertThat(accepted.get("clusters").valueStream().map(JsonNode::asString)).containsExactly(cluster);

        JsonNode firstPage = api.get("/api/v1/audit?application=" + app + "&limit=3", ADMIN_TOKEN).json();
        JsonNode secondPage = api.get("/api/v1/audit?application=" + app + "&limit=3&cursor="
                + firstPage.get("nextCursor").asString(), ADMIN_TOKEN).json();
        assertThat(secondPage.get("items").size()).isEqualTo(1);
        assertThat(secondPage.get("nextCursor").isNull()).isTrue();

        assertProblem(api.get("/api/v1/audit", tokenWithRole("operator")), 403, "forbidden");
    }
}
