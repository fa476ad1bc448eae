package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Changes made on a cluster behind Berth's back (a kubectl scale, an image patched by hand, an object
 * deleted) are drift: the target turns OutOfSync with the fields that differ, a sync puts them back,
 * and an application that heals itself does so by itself.
 */
class DriftIT extends ApplicationTestBase {

    @Test
    void aScaleAndAnImagePatchedByHandAreDriftAndASyncPutsThemBack() {
        String cluster = newCluster("drift");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));
        awaitTarget(app, t -> "Healthy".equals(t.get("health").asString()));
        assertThat(diff(app).get("targets").get(0).get("objects").isEmpty()).isTrue();

        KubernetesClient kubectl = simulated(cluster).client();
        kubectl.apps().statefulSets().inNamespace("web").withName("web").scale(1);
        kubectl.apps().statefulSets().inNamespace("web").withName("web")
                // as kubectl set image does: a patch, not a read-modify-write that races the controller
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/image\", \"value\": \"evil:latest\"}]");

        JsonNode drifted = awaitTarget(app, t -> "OutOfSync".equals(t.get("syncStatus").asString())
                && t.get("drift").size() == 1 && t.get("drift").get(0).get("fields").size() == 2);
        JsonNode fields = drifted.get("drift").get(0).get("fields");
        assertThat(fields.get(0).get("path").asString()).isEqualTo("spec.replicas");
        assertThat(fields.get(0).get("applied").asString()).isEqualTo("3");
        assertThat(fields.get(0).get("live").asString()).isEqualTo("1");
        assertThat(fields.get(1).get("path").asString()).isEqualTo("spec.template.spec.containers[name=nginx].image");
        assertThat(fields.get(1).get("live").asString()).isEqualTo("\"evil:latest\"");
        JsonNode diff = diff(app).get("targets").get(0);
        assertThat(diff.get("syncStatus").asString()).isEqualTo("OutOfSync");
        assertThat(diff.get("objects").get(0).get("object").get("kind").asString()).isEqualTo("StatefulSet");
        assertThat(diff.get("since").isNull()).isFalse();

        JsonNode sync = awaitSucceeded(accepted(api.post(APPS + "/" + app + "/sync", ADMIN_TOKEN, Map.of("wait", true))));
        assertThat(sync.get("type").asString()).isEqualTo("Sync");
        var web = kubectl.apps().statefulSets().inNamespace("web").withName("web").get();
        assertThat(web.getSpec().getReplicas()).isEqualTo(3);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        awaitTarget(app, t -> "Synced".equals(t.get("syncStatus").asString()) && t.get("drift").isEmpty()
                && "Healthy".equals(t.get("health").asString()));
        assertThat(application(app).get("currentRevision").asInt()).as("a sync makes no revision").isEqualTo(1);
    }

    @Test
    void anApplicationThatHealsItselfPutsBackAnObjectDeletedBehindItsBack() {
        String cluster = newCluster("heal");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "selfHeal", true, "wait", true)));
        assertThat(application(app).get("selfHeal").asBoolean()).isTrue();
        awaitTarget(app, t -> "Healthy".equals(t.get("health").asString()));

        KubernetesClient kubectl = simulated(cluster).client();
        kubectl.services().inNamespace("web").withName("nginx").delete();
        kubectl.apps().statefulSets().inNamespace("web").withName("web").scale(1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                kubectl.services().inNamespace("web").withName("nginx").get() != null
                        && kubectl.apps().statefulSets().inNamespace("web").withName("web").get().getSpec().getReplicas() == 3);
        awaitTarget(app, t -> "Synced".equals(t.get("syncStatus").asString()) && t.get("drift").isEmpty());
        JsonNode operations = api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json();
        assertThat(operations.get("items").valueStream()
                .filter(op -> op.get("type").asString().equals("Sync"))
                .map(op -> op.get("requestedBy").asString()))
                .as("each heal is an operation of its own, by Berth").isNotEmpty().allMatch("berth:self-heal"::equals);
    }

    @Test
    void aClusterAwayIsStaleAndWhatChangedMeanwhileIsSeenWhenItIsBack() {
        String cluster = newCluster("away");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));
        awaitTarget(app, t -> "Healthy".equals(t.get("health").asString()));

        simulated(cluster).faults().unreachable();
        JsonNode stale = awaitTarget(app, t -> "Stale".equals(t.get("health").asString()));
        assertThat(stale.get("healthReason").asString()).contains("last known: Healthy");
        simulated(cluster).client().apps().statefulSets().inNamespace("web").withName("web").scale(1);
        simulated(cluster).faults().reachable();

        JsonNode back = awaitTarget(app, t -> "OutOfSync".equals(t.get("syncStatus").asString())
                && !"Stale".equals(t.get("health").asString()));
        assertThat(back.get("drift").get(0).get("fields").get(0).get("path").asString()).isEqualTo("spec.replicas");
    }

    @Test
    void aScaleThroughBerthAndARevisionCarriedToAnotherClusterAreNoDrift() {
        String scaled = newCluster("scaled-by-berth");
        String untouched = newCluster("carried");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(scaled, "web"), target(untouched, "web")),
                "wait", true)));

        // the scaled StatefulSet and the untouched one both keep revision 1's stamps: bookkeeping, not drift
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN,
                Map.of("replicas", 1, "clusters", List.of(scaled), "wait", true))));

        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> application(app).get("targets"), targets -> targets.valueStream()
                        .allMatch(t -> "Synced".equals(t.get("syncStatus").asString()) && t.get("drift").isEmpty()
                                && t.get("revisionApplied").asInt() == 2));
    }

    @Test
    void aSyncOfAClusterTheApplicationIsNotOnIsRefused() {
        String cluster = newCluster("sync-where");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));

        var refused = api.post(APPS + "/" + app + "/sync", ADMIN_TOKEN, Map.of("clusters", List.of("elsewhere")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).isEqualTo("Sync only clusters the application runs on");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("clusters[0]");
    }

    private JsonNode diff(String app) {
        var reply = api.get(APPS + "/" + app + "/diff", ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode awaitTarget(String app, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> application(app).get("targets").get(0), condition::test);
    }
}
