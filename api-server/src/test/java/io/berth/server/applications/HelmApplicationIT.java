package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.helm.TestCharts;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Helm chart version is deployed, scaled and upgraded like any other template version. */
class HelmApplicationIT extends ApplicationTestBase {

    @Test
    void aHelmChartIsDeployedScaledAndUpgradedWithItsReleaseNamedAfterTheApplication() {
        String set = unique("helm-web");
        assertThat(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);
        Map<String, Object> content = Map.of("kind", "Helm",
                "chart", Base64.getEncoder().encodeToString(TestCharts.web().chartArchive()));
        assertThat(api.post("/api/v1/template-sets/" + set + "/versions", ADMIN_TOKEN,
                Map.of("version", "0.1.0", "content", content)).status()).isEqualTo(201);
        String cluster = newCluster("helm");
        String app = unique("shop");

        awaitSucceeded(deploy(Map.of("name", app, "templateSet", set, "version", "0.1.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "team-a")), "wait", true)));
        StatefulSet web = simulated(cluster).client().apps().statefulSets().inNamespace("team-a").withName(app + "-web").get();
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", app)
                .containsEntry("berth.io/application", app);
        assertThat(simulated(cluster).client().services().inNamespace("team-a").withName(app + "-nginx").get()).isNotNull();

        JsonNode scale = awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 4))));
        assertThat(scale.get("options").get("scale").get("workload").asString()).isEqualTo("StatefulSet/" + app + "-web");
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("image", "nginx:1.28")))));
        web = simulated(cluster).client().apps().statefulSets().inNamespace("team-a").withName(app + "-web").get();
        assertThat(web.getSpec().getReplicas()).as("the scaled count survives the upgrade").isEqualTo(4);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");

        var invalid = api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", "two")));
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
        // Helm checks values.schema.json itself and names the value in its message, not in a path
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("targets[" + cluster + "/team-a].values");
        assertThat(invalid.json().get("errors").get(0).get("message").asString()).contains("replicas");
    }
}
