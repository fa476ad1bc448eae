package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A target an upgrade dropped while its cluster could not be reached is not forgotten. */
class DroppedTargetIT extends ApplicationTestBase {

    @Test
    void theNextChangeUninstallsATargetWhoseUninstallFailedWhileItsClusterWasUnreachable() {
        String keep = newCluster("keep");
        String drop = newCluster("drop");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(keep, "web"), target(drop, "web")))));

        simulated(drop).faults().unreachable();
        JsonNode dropped;
        try {
            dropped = awaitEnd(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                    Map.of("targets", List.of(target(keep, "web"))))));
        } finally {
            simulated(drop).faults().reachable();
        }
        assertThat(dropped.get("state").asString()).isEqualTo("Failed");
        JsonNode orphan = target(application(app), drop);
        assertThat(orphan.get("inCurrentRevision").asBoolean()).isFalse();
        assertThat(orphan.get("syncStatus").asString()).isEqualTo("Failed");
        assertThat(simulated(drop).client().apps().statefulSets().inNamespace("web").withName("web").get()).isNotNull();

        // the cluster is back: the next change of the application finishes the uninstall there
        JsonNode next = awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("values", Map.of("replicas", 2)))));

        assertThat(next.get("steps").valueStream().map(s -> s.get("action").asString() + " " + s.get("cluster").asString()))
                .contains("Uninstall " + drop);
        assertThat(simulated(drop).client().apps().statefulSets().inNamespace("web").withName("web").get()).isNull();
        assertThat(application(app).get("targets").valueStream().map(t -> t.get("cluster").asString()))
                .containsExactly(keep);
        assertThat(api.get(APPS + "?cluster=" + drop, ADMIN_TOKEN).json().get("items").size()).isZero();
    }

    private static JsonNode target(JsonNode application, String cluster) {
        return application.get("targets").valueStream().filter(t -> t.get("cluster").asString().equals(cluster))
                .findFirst().orElseThrow();
    }
}
