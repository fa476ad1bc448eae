package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server-side Table kubectl asks for: its columns for pods, StatefulSets and Deployments, NAME and AGE for the rest. */
@SimulatedClusters(readinessDelayMillis = 50)
class TableOutputTest {

    /** What kubectl 1.31 sends with get. */
    private static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static KubernetesClient client;
    private static RawApi api;

    @BeforeAll
    static void arrange(SimulatedCluster cluster) {
        client = cluster.client();
        api = RawApi.of(cluster);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tables").endMetadata().build()).create();
    }

    @Test
    void podsShowNameReadyStatusRestartsAndAge() {
        client.pods().inNamespace("tables").resource(pod("fine", "nginx:1.27")).create();
        client.pods().inNamespace("tables").resource(pod("lost", "nginx:missing")).create();
        await().atMost(WAIT).until(() -> cells("/api/v1/namespaces/tables/pods").contains(List.of("fine", "1/1", "Running", "0")));

        JsonNode table = table("/api/v1/namespaces/tables/pods");
        assertThat(table.path("kind").asString()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
        assertThat(columns(table)).startsWith("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(table.path("columnDefinitions").get(0).path("format").asString()).isEqualTo("name");
        assertThat(cells("/api/v1/namespaces/tables/pods")).contains(List.of("lost", "0/1", "ImagePullBackOff", "0"));
        JsonNode row = table.path("rows").get(0);
        assertThat(row.path("cells").get(4).asString()).matches("\\d+s");
        assertThat(row.path("object").path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("namespace").asString()).isEqualTo("tables");
    }

    @Test
    void statefulSetsAndDeploymentsShowHowManyReplicasAreReady() {
        client.apps().statefulSets().inNamespace("tables").resource(new StatefulSetBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("web").withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        client.apps().deployments().inNamespace("tables").resource(new DeploymentBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();

        await().atMost(WAIT).until(() -> cells("/apis/apps/v1/namespaces/tables/statefulsets").contains(List.of("web", "2/2"))
                && cells("/apis/apps/v1/namespaces/tables/deployments").contains(List.of("api", "1/1", "1", "1")));
        assertThat(columns(table("/apis/apps/v1/namespaces/tables/statefulsets"))).startsWith("Name", "Ready", "Age");
        assertThat(columns(table("/apis/apps/v1/namespaces/tables/deployments"))).startsWith("Name", "Ready", "Up-to-date", "Available", "Age");
        assertThat(columns(table("/apis/apps/v1/namespaces/tables/statefulsets/web"))).as("a single object too").startsWith("Name", "Ready");
    }

    @Test
    void otherKindsGetNameAndAgeAndPlainClientsStillGetLists() {
        assertThat(columns(table("/api/v1/nodes"))).startsWith("Name", "Age");
        assertThat(cells("/api/v1/nodes")).extracting(c -> c.get(0)).contains("sim-node-1");

        JsonNode list = JSON.readTree(api.get("/api/v1/nodes").body());
        assertThat(list.path("kind").asString()).isNotEqualTo("Table");
        assertThat(list.path("items").size()).isEqualTo(3);
    }

    @Test
    void aWatchAskingForTablesGetsOneRowPerEvent() throws Exception {
        HttpResponse<Stream<String>> response = api.stream("/api/v1/namespaces/tables/configmaps?watch=1", KUBECTL_ACCEPT);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(line -> events.add(JSON.readTree(line)));
            } catch (RuntimeException e) {
                // closed below
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            client.configMaps().inNamespace("tables").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata().withName("watched").endMetadata().build()).create();

            await().atMost(WAIT).until(() -> !events.isEmpty());
            JsonNode object = events.get(0).path("object");
            assertThat(object.path("kind").asString()).isEqualTo("Table");
            assertThat(object.path("rows").get(0).path("cells").get(0).asString()).isEqualTo("watched");
        } finally {
            response.body().close();
        }
    }

    private static JsonNode table(String path) {
        HttpResponse<String> response = api.get(path, KUBECTL_ACCEPT);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> columns(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

    /** Each row's leading cells as text. */
    private static List<List<String>> cells(String path) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : table(path).path("rows")) {
            List<String> cells = new ArrayList<>();
            row.path("cells").forEach(c -> cells.add(c.asString()));
            rows.add(cells);
        }
        List<List<String>> prefixes = new ArrayList<>();
        for (List<String> row : rows) {
            for (int n = 1; n <= row.size(); n++) {
                prefixes.add(row.subList(0, n));
            }
        }
        return prefixes;
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, String image) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec().build();
    }
}
