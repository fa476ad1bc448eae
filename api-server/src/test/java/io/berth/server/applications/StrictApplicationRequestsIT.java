package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A misspelled or mistyped field in a request that changes an application is refused before anything happens. */
class StrictApplicationRequestsIT extends ApplicationTestBase {

    @Test
    void aScaleWithAMisspelledClustersFieldIsRefusedAndScalesNothing() {
        String east = newCluster("east");
        String west = newCluster("west");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(east, "shop"), target(west, "shop")), "wait", true)));

        Api.Reply reply = api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 2, "clustrs", List.of(west)));

        assertProblem(reply, 400, "malformed-request");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("clustrs");
        assertNothingChanged(app, east, west);
    }

    @Test
    void aMistypedOrDuplicatedFieldInAChangeIsRefusedAndChangesNothing() {
        String east = newCluster("east");
        String west = newCluster("west");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(east, "shop"), target(west, "shop")), "wait", true)));

        for (var request : List.of(
                Map.entry("/scale", "{\"replicas\":\"2\"}"),
                Map.entry("/scale", "{\"replicas\":2,\"clusters\":\"" + west + "\"}"),
                Map.entry("/scale", "{\"replicas\":2,\"clusters\":[\"" + west + "\"],\"clusters\":[]}"),
                Map.entry("/rollback", "{\"revision\":1.0}"))) {
            Api.Reply reply = api.raw("POST", APPS + "/" + app + request.getKey(), ADMIN_TOKEN,
                    HttpRequest.BodyPublishers.ofString(request.getValue()));
            assertProblem(reply, 400, "malformed-request");
        }
        Api.Reply patch = api.patch(APPS + "/" + app, ADMIN_TOKEN, "{\"values\":{\"replicas\":2},\"wiat\":true}");
        assertProblem(patch, 400, "malformed-request");
        assertThat(patch.json().get("errors").get(0).get("field").asString()).isEqualTo("wiat");
        assertNothingChanged(app, east, west);
    }

    private void assertNothingChanged(String app, String... clusters) {
        assertThat(api.get(APPS + "/" + app + "/revisions", ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
        assertThat(application(app).get("currentRevision").asInt()).isEqualTo(1);
        for (String cluster : clusters) {
            assertThat(simulated(cluster).client().apps().statefulSets().inNamespace("shop").withName("web").get()
                    .getSpec().getReplicas()).as(cluster).isEqualTo(3);
        }
    }
}
