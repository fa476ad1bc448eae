package io.berth.server.clusters;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.berth.cluster.internal.client.ClusterClients;
import tools.jackson.databind.JsonNode;

class ClusterLifecycleIT extends ApiTestBase {

    @Test
    void unknownClusterIsNotFound() {
        assertProblem(api.get("/api/v1/clusters/no-such-cluster", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.post("/api/v1/clusters/no-such-cluster/probe", ADMIN_TOKEN, "{}"), 404, "not-found");
        assertProblem(api.delete("/api/v1/clusters/no-such-cluster", ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void patchWithCurrentETagChangesDescriptiveFieldsAndStaleETagIsRefused() {
        String name = unique("edit");
        register(name, CLUSTERS.answeringKubeconfig());
        String etag = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag");

        Reply changed = api.patch("/api/v1/clusters/" + name, ADMIN_TOKEN,
                Map.of("displayName", "Edited", "labels", Map.of("tier", "db")), "If-Match", etag);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("displayName").asString()).isEqualTo("Edited");
        assertThat(changed.json().get("labels").get("tier").asString()).isEqualTo("db");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        Reply stale = api.patch("/api/v1/clusters/" + name, ADMIN_TOKEN, Map.of("displayName", "Lost update"), "If-Match", etag);

        assertProblem(stale, 412, "precondition-failed");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("displayName").asString()).isEqualTo("Edited");
    }

    @Test
    void aPatchMergesLabelsKeyByKeyAndNullRemovesALabelOrTheDisplayName() {
        String name = unique("merge");
        Reply registered = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "displayName", "Before",
                "description", "Kept", "labels", Map.of("env", "prod", "tier", "db"), "kubeconfig", CLUSTERS.answeringKubeconfig()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        Reply changed = api.raw("PATCH", "/api/v1/clusters/" + name, ADMIN_TOKEN, HttpRequest.BodyPublishers.ofString(
                "{\"displayName\":null,\"labels\":{\"tier\":null,\"region\":\"eu\"}}"), "Content-Type", "application/merge-patch+json");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("displayName").isNull() || changed.json().path("displayName").isMissingNode())
                .as(changed.toString()).isTrue();
        assertThat(changed.json().get("description").asString()).isEqualTo("Kept");
        assertThat(changed.json().get("labels")).isEqualTo(Api.JSON.readTree("{\"env\":\"prod\",\"region\":\"eu\"}"));
    }

    @Test
    void probingDoesNotChangeTheETag() {
        String name = unique("etag");
        register(name, CLUSTERS.answeringKubeconfig());
        String etag = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag");

        api.post("/api/v1/clusters/" + name + "/probe", ADMIN_TOKEN, "{}");

        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag")).isEqualTo(etag);
    }

    @Test
    void listsFilterBySetBasedLabelSelectorAndStatusAndPageWithCursors() {
        String run = unique("run");
        for (String env : List.of("prod", "staging", "dev")) {
            api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", run + "-" + env,
                    "labels", Map.of("run", run, "env", env), "kubeconfig", CLUSTERS.answeringKubeconfig()));
        }
        api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", run + "-down",
                "labels", Map.of("run", run, "env", "prod", "legacy", "yes"), "kubeconfig", CLUSTERS.downKubeconfig()));

        assertThat(names("labelSelector=run%3D" + run + ",env+in+(prod,staging)"))
                .containsExactly(run + "-down", run + "-prod", run + "-staging");
        assertThat(names("labelSelector=run%3D" + run + ",env+notin+(prod)")).containsExactly(run + "-dev", run + "-staging");
        assertThat(names("labelSelector=run%3D" + run + ",!legacy")).containsExactly(run + "-dev", run + "-prod", run + "-staging");
        assertThat(names("labelSelector=run%3D" + run + ",legacy")).containsExactly(run + "-down");
        assertThat(names("labelSelector=run%3D" + run + ",env!%3Dprod")).containsExactly(run + "-dev", run + "-staging");
        assertThat(names("labelSelector=run%3D" + run + "&status=Unreachable")).containsExactly(run + "-down");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/clusters?limit=3&labelSelector=run%3D" + run + (cursor == null ? "" : "&cursor=" + cursor),
                    ADMIN_TOKEN).json();
            page.get("items").forEach(item -> paged.add(item.get("name").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactly(run + "-dev", run + "-down", run + "-prod", run + "-staging");
    }

    @Test
    void badListParametersAreProblems() {
        assertProblem(api.get("/api/v1/clusters?labelSelector=env+in+prod", ADMIN_TOKEN), 422, "validation-failed");
        assertProblem(api.get("/api/v1/clusters?limit=0", ADMIN_TOKEN), 422, "validation-failed");
        assertProblem(api.get("/api/v1/clusters?cursor=not-a-cursor", ADMIN_TOKEN), 400, "malformed-request");
        assertProblem(api.get("/api/v1/clusters?status=Sleeping", ADMIN_TOKEN), 400, "malformed-request");
    }

    @Test
    void rotatingCredentialsReplacesTheClientAndRecordsTheStatusChange() {
        String name = unique("rotate");
        assertThat(register(name, CLUSTERS.refusingKubeconfig()).get("status").asString()).isEqualTo("Unauthorized");

        Reply rotated = api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN,
                Map.of("kubeconfig", CLUSTERS.answeringKubeconfig("rotated-token-0123456789")));

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().get("status").asString()).isEqualTo("Ready");
        JsonNode events = api.get("/api/v1/clusters/" + name + "/events", ADMIN_TOKEN).json().get("items");
        assertThat(events.get(0).get("fromStatus").asString()).isEqualTo("Unauthorized");
        assertThat(events.get(0).get("toStatus").asString()).isEqualTo("Ready");
        assertThat(events.get(1).get("fromStatus").asString()).isEqualTo("Pending");
        assertThat(events.get(1).get("toStatus").asString()).isEqualTo("Unauthorized");
        assertThat(api.get("/api/v1/clusters/" + name + "/namespaces", ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void rotatingToARefusedKubeconfigChangesNothing() {
        String name = unique("keep");
        register(name, CLUSTERS.answeringKubeconfig());
        byte[] before = jdbc.queryForObject("select credentials_ciphertext from cluster where name = ?", byte[].class, name);

        Reply refused = api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN,
                Map.of("kubeconfig", CLUSTERS.answeringKubeconfig().replace("https://", "http://")));

        assertProblem(refused, 422, "invalid-kubeconfig");
        assertThat(jdbc.queryForObject("select credentials_ciphertext from cluster where name = ?", byte[].class, name)).isEqualTo(before);
    }

    @Test
    void probeNowReportsAClusterThatWentAway() {
        String name = unique("flaky");
        register(name, CLUSTERS.answeringKubeconfig());
        api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN, Map.of("kubeconfig", CLUSTERS.downKubeconfig()));

        Reply probed = api.post("/api/v1/clusters/" + name + "/probe", ADMIN_TOKEN, "{}");

        assertThat(probed.status()).isEqualTo(200);
        assertThat(probed.json().get("status").asString()).isEqualTo("Unreachable");
        assertThat(probed.json().get("lastReadyAt").asString()).as("last success is kept").isNotBlank();
        assertThat(probed.json().get("serverVersion").asString()).as("last known version is kept").isEqualTo("v1.31.4");
    }

    @Test
    void namespacesAreReadLiveAndFailuresAre502Or504() {
        CLUSTERS.answeringServer().createClient().namespaces()
                .resource(new NamespaceBuilder().withNewMetadata().withName("web-team").endMetadata().build()).create();
        String good = unique("ns");
        register(good, CLUSTERS.answeringKubeconfig());
        String down = unique("ns-down");
        register(down, CLUSTERS.downKubeconfig());
        String refusing = unique("ns-401");
        register(refusing, CLUSTERS.refusingKubeconfig());

        Reply namespaces = api.get("/api/v1/clusters/" + good + "/namespaces", ADMIN_TOKEN);

        assertThat(namespaces.status()).isEqualTo(200);
        assertThat(namespaces.json().get("items").valueStream().map(n -> n.get("name").asString())).contains("web-team");
        assertProblem(api.get("/api/v1/clusters/" + down + "/namespaces", ADMIN_TOKEN), 504, "cluster-unreachable");
        assertProblem(api.get("/api/v1/clusters/" + refusing + "/namespaces", ADMIN_TOKEN), 502, "cluster-error");
    }

    @Autowired
    private ClusterClients clients;

    @Test
    void deleteForgetsTheClusterClosesItsClientAndHonoursIfMatch() {
        String name = unique("gone");
        register(name, CLUSTERS.answeringKubeconfig());
        int openClients = clients.size();

        assertProblem(api.delete("/api/v1/clusters/" + name, ADMIN_TOKEN, "If-Match", "\"999\""), 412, "precondition-failed");
        Reply deleted = api.delete("/api/v1/clusters/" + name, ADMIN_TOKEN,
                "If-Match", api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag"));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(clients.size()).as("the deleted cluster's client is closed and dropped").isEqualTo(openClients - 1);
        assertProblem(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN), 404, "not-found");
        assertThat(jdbc.queryForObject("select count(*) from cluster_event e join cluster c on c.id = e.cluster_id where c.name = ?",
                Integer.class, name)).isZero();
    }

    private List<String> names(String query) {
        Reply reply = api.get("/api/v1/clusters?" + query, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("items").valueStream().map(item -> item.get("name").asString()).toList();
    }
}
