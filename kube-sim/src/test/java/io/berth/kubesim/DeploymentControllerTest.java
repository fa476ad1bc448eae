package io.berth.kubesim;

import io.berth.kubesim.junit.SimulatedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The simulated Deployment controller, driven through the API server as Berth would drive it. */
@SimulatedClusters
class DeploymentControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SimulatedCluster cluster;
    private KubernetesClient client;
    private String namespace;



    @BeforeEach
    void connect(TestInfo test) {
        client = cluster.outsideClient();
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        namespace = method.substring(0, Math.min(20, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void keepsTheReplicasReadyAndReportsThem() {
        Deployment created = client.apps().deployments().inNamespace(namespace).resource(deployment("web", 3, "nginx:1.27")).create();

        await().atMost(WAIT).until(() -> ready(pods("web")) == 3 && readyReplicas("web") == 3);
        List<Pod> pods = pods("web");
        String hash = pods.get(0).getMetadata().getLabels().get("pod-template-hash");
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        for (Pod pod : pods) {
            assertThat(pod.getMetadata().getName()).matches("web-" + hash + "-[a-z0-9]{5}");
            assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", hash);
            OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getName()).isEqualTo("web");
            assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
            assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        }
        var status = get("web").getStatus();
        assertThat(status.getObservedGeneration()).isEqualTo(get("web").getMetadata().getGeneration());
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getUnavailableReplicas()).isNull();
        assertThat(condition("web", "Available").getStatus()).isEqualTo("True");
        assertThat(condition("web", "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition("web", "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void podsThatNeverBecomeReadyLeaveItUnavailable() {
        client.apps().deployments().inNamespace(namespace).resource(deployment("broken", 2, "nginx:crashloop")).create();

        await().atMost(WAIT).until(() -> get("broken").getStatus() != null && get("broken").getStatus().getReplicas() != null
                && get("broken").getStatus().getReplicas() == 2 && pods("broken").size() == 2
                && pods("broken").stream().allMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));
        await().atMost(WAIT).untilAsserted(() -> {
            var status = get("broken").getStatus();
            assertThat(status.getReadyReplicas()).isNull();
            assertThat(status.getUnavailableReplicas()).isEqualTo(2);
            assertThat(condition("broken", "Available").getStatus()).isEqualTo("False");
            assertThat(condition("broken", "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
            assertThat(condition("broken", "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        });
    }

    @Test
    void recreatesADeletedPod() {
        client.apps().deployments().inNamespace(namespace).resource(deployment("api", 2, "nginx:1.27")).create();
        await().atMost(WAIT).until(() -> ready(pods("api")) == 2 && readyReplicas("api") == 2);
        String victim = pods("api").get(0).getMetadata().getName();

        client.pods().inNamespace(namespace).withName(victim).delete();

        await().atMost(WAIT).until(() -> ready(pods("api")) == 2 && names(pods("api")).stream().noneMatch(victim::equals)
                && readyReplicas("api") == 2);
    }

    @Test
    void replacesThePodsWhenTheTemplateChanges() {
        client.apps().deployments().inNamespace(namespace).resource(deployment("roll", 3, "nginx:1.27")).create();
        await().atMost(WAIT).until(() -> ready(pods("roll")) == 3 && readyReplicas("roll") == 3);
        Set<String> before = new HashSet<>(names(pods("roll")));
        String oldHash = pods("roll").get(0).getMetadata().getLabels().get("pod-template-hash");

        client.apps().deployments().inNamespace(namespace).withName("roll").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");
            return d;
        });

        AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<Pod> pods = pods("roll");
            fewestReady.accumulateAndGet(ready(pods), Math::min);
            return pods.size() == 3 && ready(pods) == 3
                    && pods.stream().allMatch(p -> "nginx:1.28".equals(p.getSpec().getContainers().get(0).getImage()))
                    && get("roll").getStatus().getObservedGeneration() == 2L && readyReplicas("roll") == 3
                    && get("roll").getStatus().getUpdatedReplicas() == 3 && get("roll").getStatus().getReplicas() == 3;
        });
        assertThat(fewestReady.get()).as("old pods go only once the new ones are ready").isGreaterThanOrEqualTo(3);
        assertThat(names(pods("roll"))).doesNotContainAnyElementsOf(before);
        assertThat(pods("roll")).allSatisfy(p -> assertThat(p.getMetadata().getLabels().get("pod-template-hash")).isNotEqualTo(oldHash));
        assertThat(condition("roll", "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    @Test
    void scalesThroughTheScaleSubresource() {
        client.apps().deployments().inNamespace(namespace).resource(deployment("scaled", 3, "nginx:1.27")).create();
        await().atMost(WAIT).until(() -> ready(pods("scaled")) == 3);

        client.apps().deployments().inNamespace(namespace).withName("scaled").scale(1);

        await().atMost(WAIT).until(() -> pods("scaled").size() == 1 && readyReplicas("scaled") == 1
                && get("scaled").getStatus().getReplicas() == 1);
    }

    @Test
    void deletingTheDeploymentDeletesItsPods() {
        client.apps().deployments().inNamespace(namespace).resource(deployment("gone", 2, "nginx:1.27")).create();
        await().atMost(WAIT).until(() -> ready(pods("gone")) == 2);

        client.apps().deployments().inNamespace(namespace).withName("gone").delete();

        await().atMost(WAIT).until(() -> pods("gone").isEmpty());
    }

    private static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private int readyReplicas(String name) {
        Deployment deployment = get(name);
        return deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null ? 0
                : deployment.getStatus().getReadyReplicas();
    }

    private DeploymentCondition condition(String name, String type) {
        return get(name).getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private List<Pod> pods(String deployment) {
        return client.pods().inNamespace(namespace).withLabel("app", deployment).list().getItems();
    }

    private static int ready(List<Pod> pods) {
        return (int) pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }
}
