package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The article's StatefulSet example, end to end: nginx-web on two clusters through its whole life. */
class StatefulApplicationIT extends ApplicationTestBase {

    @Test
    void nginxWebLivesThroughDeployScaleUpgradeRollbackAndDelete() {
        String east = newCluster("east");
        String west = newCluster("west");
        String app = unique("web");
        String ns = "shop";

        JsonNode deployed = deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(east, ns), target(west, ns)), "wait", true));
        assertThat(deployed.get("type").asString()).isEqualTo("Deploy");
        assertThat(deployed.get("revision").asInt()).isEqualTo(1);
        JsonNode done = awaitSucceeded(deployed);
        assertThat(done.get("steps").valueStream().map(s -> s.get("state").asString())).containsOnly("Succeeded");
        for (String cluster : List.of(east, west)) {
            assertThat(podNames(cluster, ns)).containsExactly("web-0", "web-1", "web-2");
            StatefulSet sts = client(cluster).apps().statefulSets().inNamespace(ns).withName("web").get();
            assertThat(sts.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "berth")
                    .containsEntry("berth.io/application", app);
            assertThat(sts.getMetadata().getAnnotations()).containsEntry("berth.io/revision", "1");
        }
        JsonNode view = application(app);
        assertThat(view.get("currentRevision").asInt()).isEqualTo(1);
        assertThat(view.get("targets").valueStream().map(t -> t.get("syncStatus").asString())).containsOnly("Synced");
        assertThat(view.get("targets").get(0).get("objects").valueStream().map(o -> o.get("kind").asString()))
                .containsExactly("Service", "StatefulSet");

        // scale to 5, then back to 2: the highest ordinals go first
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 5, "wait", true))));
        assertThat(podNames(east, ns)).containsExactly("web-0", "web-1", "web-2", "web-3", "web-4");
        List<String> deletedOnEast = new CopyOnWriteArrayList<>();
        try (Watch watch = client(east).pods().inNamespace(ns).watch(deletions(deletedOnEast))) {
            awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 2, "wait", true))));
            await().atMost(Duration.ofSeconds(5)).until(() -> deletedOnEast.size() >= 3);
        }
        assertThat(deletedOnEast).containsExactly("web-4", "web-3", "web-2");
        assertThat(podNames(west, ns)).containsExactly("web-0", "web-1");
        JsonNode scaled = api.get(APPS + "/" + app + "/revisions/3", ADMIN_TOKEN).json();
        assertThat(scaled.get("cause").asString()).isEqualTo("Scale");
        assertThat(scaled.get("replicaOverrides").get(0).get("workload").asString()).isEqualTo("StatefulSet/web");
        assertThat(scaled.get("replicaOverrides").get(0).get("replicas").asInt()).isEqualTo(2);

        // upgrade the image: a rolling update, and the scaled count survives it
        String etag = api.get(APPS + "/" + app, ADMIN_TOKEN).header("ETag");
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("values", Map.of("image", "nginx:1.28"), "wait", true), "If-Match", etag)));
        for (String cluster : List.of(east, west)) {
            StatefulSet sts = client(cluster).apps().statefulSets().inNamespace(ns).withName("web").get();
            assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
            assertThat(sts.getStatus().getCurrentRevision()).isEqualTo(sts.getStatus().getUpdateRevision());
            assertThat(images(cluster, ns)).containsOnly("nginx:1.28").hasSize(2);
        }

        // roll back to revision 1: its exact content, three replicas of nginx:1.27
        JsonNode rollback = awaitSucceeded(accepted(api.post(APPS + "/" + app + "/rollback", ADMIN_TOKEN,
                Map.of("revision", 1, "wait", true))));
        assertThat(rollback.get("revision").asInt()).isEqualTo(5);
        JsonNode fifth = api.get(APPS + "/" + app + "/revisions/5", ADMIN_TOKEN).json();
        assertThat(fifth.get("rolledBackTo").asInt()).isEqualTo(1);
        assertThat(fifth.get("renderedDigest").asString())
                .isEqualTo(api.get(APPS + "/" + app + "/revisions/1", ADMIN_TOKEN).json().get("renderedDigest").asString());
        assertThat(images(east, ns)).containsOnly("nginx:1.27").hasSize(3);
        assertThat(api.get(APPS + "/" + app + "/revisions", ADMIN_TOKEN).json().get("items").valueStream()
                .map(r -> r.get("cause").asString()))
                .containsExactly("Rollback", "Upgrade", "Scale", "Scale", "Deploy");

        // delete: the objects go, the claims stay, the record stays as Deleted
        awaitSucceeded(accepted(api.delete(APPS + "/" + app, ADMIN_TOKEN)));
        for (String cluster : List.of(east, west)) {
            assertThat(client(cluster).apps().statefulSets().inNamespace(ns).withName("web").get()).isNull();
            assertThat(client(cluster).services().inNamespace(ns).withName("nginx").get()).isNull();
            assertThat(client(cluster).persistentVolumeClaims().inNamespace(ns).list().getItems())
                    .extracting(c -> c.getMetadata().getName()).contains("www-web-0", "www-web-1", "www-web-2");
        }
        JsonNode deleted = application(app);
        assertThat(deleted.get("state").asString()).isEqualTo("Deleted");
        assertThat(deleted.get("targets").size()).isZero();
        assertThat(api.delete(APPS + "/" + app + "?purge=true", ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(api.get(APPS + "/" + app, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    private static KubernetesClient client(String cluster) {
        return simulated(cluster).client();
    }

    private static List<String> podNames(String cluster, String ns) {
        return client(cluster).pods().inNamespace(ns).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static List<String> images(String cluster, String ns) {
        return client(cluster).pods().inNamespace(ns).list().getItems().stream()
                .map(p -> p.getSpec().getContainers().get(0).getImage()).toList();
    }

    private static Watcher<Pod> deletions(List<String> into) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.DELETED) {
                    into.add(pod.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }
}
