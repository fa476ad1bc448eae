package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The live health of deployed applications, as the status tracker sees it. */
class ApplicationHealthIT extends ApplicationTestBase {

    @Test
    void healthFollowsTheWorkloadsThroughCrashesScaleToZeroDeletionAndAnUnreachableCluster() {
        String cluster = newCluster("health");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "labels", Map.of("suite", app), "targets", List.of(target(cluster, "web")), "wait", true)));
        awaitHealth(app, "Healthy");
        assertThat(application(app).get("targets").get(0).get("healthSince").isNull()).isFalse();

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("image", "nginx:crashloop")))));
        JsonNode degraded = awaitHealth(app, "Degraded");
        assertThat(degraded.get("targets").get(0).get("healthReason").asString())
                .startsWith("StatefulSet/web: ").contains("CrashLoopBackOff");
        assertThat(names(api.get(APPS + "?health=Degraded&labelSelector=suite=" + app, ADMIN_TOKEN).json())).containsExactly(app);
        assertThat(names(api.get(APPS + "?health=Healthy&labelSelector=suite=" + app, ADMIN_TOKEN).json())).isEmpty();

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("image", "nginx:1.27")))));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 0))));
        awaitHealth(app, "Suspended");

        simulated(cluster).faults().unreachable();
        try {
            JsonNode stale = awaitHealth(app, "Stale");
            assertThat(stale.get("targets").get(0).get("healthReason").asString()).contains("last known: Suspended");
        } finally {
            simulated(cluster).faults().reachable();
        }
        awaitHealth(app, "Suspended");

        simulated(cluster).client().apps().statefulSets().inNamespace("web").withName("web").delete();
        JsonNode missing = awaitHealth(app, "Missing");
        assertThat(missing.get("targets").get(0).get("healthReason").asString()).contains("StatefulSet/web");
    }

    @Test
    void anOperatorsCustomResourceIsJudgedByItsTemplatesHint() {
        String cluster = newCluster("health-etcd");
        String operator = unique("etcd-operator");
        awaitSucceeded(deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(cluster, "db")), "wait", true)));
        String etcd = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", etcd, "templateSet", "etcd-cluster", "version", "1.0.0",
                "targets", List.of(target(cluster, "db")), "wait", true)));
        awaitHealth(operator, "Healthy");
        awaitHealth(etcd, "Healthy");

        // the operator is deleted behind Berth's back
        simulated(cluster).client().apps().deployments().inNamespace("db").withName("etcd-operator").delete();
        awaitHealth(operator, "Missing");
    }

    @Test
    void aCustomResourceWithNoHintAndNoConditionsIsUnknownNeverHealthy() {
        String cluster = newCluster("health-ruleless");
        String set = unique("moons");
        assertThat(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        String documents = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: moons.example.berth.io
                spec:
                  group: example.berth.io
                  scope: Namespaced
                  names: {plural: moons, singular: moon, kind: Moon}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                ---
                apiVersion: example.berth.io/v1
                kind: Moon
                metadata:
                  name: luna
                spec:
                  phase: full
                """;
        var published = api.post("/api/v1/template-sets/" + set + "/versions", ADMIN_TOKEN,
                Map.of("version", "1.0.0", "content", Map.of("documents", documents)));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String app = unique("moon");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", set, "version", "1.0.0",
                "targets", List.of(target(cluster, "sky")))));

        // Unknown is also where a target starts before it is judged: wait for the judgement's reason
        JsonNode unknown = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> application(app), a -> !a.get("targets").get(0).get("healthReason").isNull());
        assertThat(unknown.get("health").asString()).isEqualTo("Unknown");
        assertThat(unknown.get("targets").get(0).get("healthReason").asString())
                .isEqualTo("Moon/luna: no health rule for Moon in the template, and no Ready, Reconciling or Stalled condition");
    }

    private JsonNode awaitHealth(String app, String health) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> application(app), a -> health.equals(a.get("health").asString()));
    }

    private static List<String> names(JsonNode list) {
        return list.get("items").valueStream().map(a -> a.get("name").asString()).toList();
    }
}
