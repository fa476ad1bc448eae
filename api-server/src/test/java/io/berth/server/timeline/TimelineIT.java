package io.berth.server.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What happened to an application and its clusters, read back from the timeline in commit order. */
class TimelineIT extends ApplicationTestBase {

    @Test
    void anApplicationsTimelineTellsItsOperationsStepsRevisionsScaleHealthAndClusters() {
        String cluster = newCluster("timeline");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 5, "wait", true))));
        await().atMost(Duration.ofSeconds(20)).until(() -> types(app).contains("HealthChanged"));

        List<String> types = types(app);
        // oldest first: the deploy, then the scale (a change writes its revision, then the operation carrying it out)
        assertThat(types).containsSubsequence("RevisionCreated", "OperationRequested", "OperationStarted", "StepStarted",
                "StepEnded", "OperationEnded", "RevisionCreated", "OperationRequested", "OperationStarted", "StepStarted",
                "StepEnded", "OperationEnded", "Scaled");
        JsonNode scaled = events(app, "type=Scaled").get(0);
        assertThat(scaled.get("data").get("workload").asString()).isEqualTo("StatefulSet/web");
        assertThat(scaled.get("data").get("replicas").asInt()).isEqualTo(5);
        assertThat(scaled.get("summary").asString()).isEqualTo("StatefulSet/web scaled to 5 replicas");
        JsonNode step = events(app, "type=StepEnded").get(0);
        assertThat(step.get("cluster").asString()).isEqualTo(cluster);
        assertThat(step.get("namespace").asString()).isEqualTo("web");
        assertThat(step.get("data").get("state").asString()).isEqualTo("Succeeded");
        assertThat(events(app, "type=HealthChanged")).anySatisfy(e -> assertThat(e.get("data").get("to").asString()).isEqualTo("Healthy"));

        // the cluster lost and regained shows on the application's timeline, not only on the cluster's
        simulated(cluster).faults().unreachable();
        try {
            assertThat(api.post("/api/v1/clusters/" + cluster + "/probe", ADMIN_TOKEN, Map.of()).status()).isEqualTo(200);
        } finally {
            simulated(cluster).faults().reachable();
        }
        assertThat(api.post("/api/v1/clusters/" + cluster + "/probe", ADMIN_TOKEN, Map.of()).status()).isEqualTo(200);
        assertThat(types(app)).containsSubsequence("ClusterLost", "ClusterRegained");
        JsonNode lost = events(app, "type=ClusterLost").get(0);
        assertThat(lost.get("application").isNull()).isTrue();
        assertThat(lost.get("cluster").asString()).isEqualTo(cluster);
        assertThat(lost.get("summary").asString()).startsWith("Cluster " + cluster + " lost: Unreachable");
    }

    @Test
    void theGlobalTimelineFiltersByClusterAndTypeAndPagesNewestFirst() {
        String cluster = newCluster("timeline-pages");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));

        JsonNode first = api.get("/api/v1/timeline?cluster=" + cluster + "&type=StepStarted,StepEnded&limit=1", ADMIN_TOKEN).json();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("type").asString()).isEqualTo("StepEnded");
        JsonNode second = api.get("/api/v1/timeline?cluster=" + cluster + "&type=StepStarted&type=StepEnded&limit=1&cursor="
                + first.get("nextCursor").asString(), ADMIN_TOKEN).json();
        assertThat(second.get("items").get(0).get("type").asString()).isEqualTo("StepStarted");
        assertThat(second.get("items").get(0).get("id").asLong()).isLessThan(first.get("items").get(0).get("id").asLong());
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void anUnknownTypeOrApplicationIsAProblem() {
        Api.Reply badType = api.get("/api/v1/timeline?type=Exploded", ADMIN_TOKEN);
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(badType.json().get("detail").asString()).contains("Exploded").contains("HealthChanged");

        Api.Reply unknown = api.get(APPS + "/" + unique("nothing") + "/timeline", ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/timeline", null).status()).isEqualTo(401);
    }

    private List<String> types(String app) {
        List<String> types = new ArrayList<>();
        events(app, "").forEach(e -> types.add(e.get("type").asString()));
        return types;
    }

    /** The application's events, oldest first. */
    private List<JsonNode> events(String app, String query) {
        Api.Reply reply = api.get(APPS + "/" + app + "/timeline?limit=500&" + query, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        reply.json().get("items").forEach(events::add);
        java.util.Collections.reverse(events);
        return events;
    }
}
