package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The core/v1 Events the simulated controllers record, with the reasons, messages and sources of the
 * real controllers, the scheduler and the kubelet; a repeated event is counted, not repeated.
 */
@SimulatedClusters
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void connect(SimulatedCluster cluster) {
        client = cluster.outsideClient();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void namespace(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        namespace = method.substring(0, Math.min(40, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @Test
    void theStatefulSetControllerRecordsItsClaimsAndPodsOnTheSet() {
        StatefulSet set = client.apps().statefulSets().inNamespace(namespace).resource(statefulSet("web", 2)).create();
        await().atMost(WAIT).until(() -> messages(set).size() >= 4);

        assertThat(messages(set)).containsExactlyInAnyOrder(
                "Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success",
                "Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful",
                "Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success",
                "Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful");
        Event event = eventsOf(set).get(0);
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("StatefulSet");
        assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("web");
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(namespace);
        assertThat(event.getInvolvedObject().getUid()).isEqualTo(set.getMetadata().getUid());
        assertThat(event.getSource().getComponent()).isEqualTo("statefulset-controller");
        assertThat(event.getReportingComponent()).isEqualTo("statefulset-controller");
        assertThat(event.getCount()).isEqualTo(1);
        assertThat(event.getFirstTimestamp()).isNotBlank().isEqualTo(event.getLastTimestamp());
        assertThat(event.getMetadata().getName()).startsWith("web.");
    }

    @Test
    void aRepeatedEventIsCountedOnTheSameObject() {
        StatefulSet set = client.apps().statefulSets().inNamespace(namespace).resource(statefulSet("web", 2)).create();
        for (int replicas : new int[] {1, 2, 1}) {
            await().atMost(WAIT).until(() -> readyReplicas(set) == (replicas == 1 ? 2 : 1));
            client.apps().statefulSets().inNamespace(namespace).withName("web").scale(replicas);
        }

        await().atMost(WAIT).until(() -> eventsOf(set).stream().anyMatch(e -> "SuccessfulDelete".equals(e.getReason())
                && Integer.valueOf(2).equals(e.getCount())));
        List<Event> deletes = eventsOf(set).stream().filter(e -> "SuccessfulDelete".equals(e.getReason())).toList();
        assertThat(deletes).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("delete Pod web-1 in StatefulSet web successful");
            assertThat(e.getLastTimestamp()).isGreaterThanOrEqualTo(e.getFirstTimestamp());
        });
    }

    @Test
    void theSchedulerAndTheKubeletRecordAPodsLifeAndDeath() {
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("solo").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx:latest").endContainer().endSpec().build()).create();
        await().atMost(WAIT).until(() -> messages(pod).size() >= 5);

        Pod placed = client.pods().inNamespace(namespace).withName("solo").get();
        assertThat(messages(pod)).containsExactly(
                "Normal Scheduled Successfully assigned " + namespace + "/solo to " + placed.getSpec().getNodeName(),
                "Normal Pulling Pulling image \"nginx:latest\"",
                "Normal Pulled Successfully pulled image \"nginx:latest\" in 200ms (200ms including waiting)",
                "Normal Created Created container main",
                "Normal Started Started container main");
        assertThat(eventsOf(pod)).allSatisfy(e -> assertThat(e.getCount()).as(e.getReason()).isEqualTo(1));
        Event started = eventsOf(pod).get(4);
        assertThat(started.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(started.getSource().getHost()).isEqualTo(placed.getSpec().getNodeName());
        assertThat(started.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{main}");
        assertThat(eventsOf(pod).get(0).getSource().getComponent()).isEqualTo("default-scheduler");

        client.pods().inNamespace(namespace).withName("solo").delete();

        await().atMost(WAIT).until(() -> messages(pod).contains("Normal Killing Stopping container main"));
    }

    @Test
    void anImageThatCannotBePulledIsReportedAsTheKubeletDoes() {
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("lost").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example.com/app:missing").endContainer().endSpec().build())
                .create();

        await().atMost(WAIT).until(() -> messages(pod).size() >= 6);
        assertThat(messages(pod)).contains(
                "Normal Pulling Pulling image \"example.com/app:missing\"",
                "Warning Failed Error: ErrImagePull",
                "Normal BackOff Back-off pulling image \"example.com/app:missing\"",
                "Warning Failed Error: ImagePullBackOff");
        assertThat(messages(pod)).anyMatch(m -> m.startsWith("Warning Failed Failed to pull image \"example.com/app:missing\": "));
    }

    @Test
    void theDeploymentControllerRecordsScalingAndItsPods() {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        await().atMost(WAIT).until(() -> messages(deployment).size() >= 3);
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", "api").list().getItems();
        String hash = pods.get(0).getMetadata().getLabels().get("pod-template-hash");
        assertThat(messages(deployment)).containsExactlyInAnyOrder(
                "Normal ScalingReplicaSet Scaled up replica set api-" + hash + " to 2 from 0",
                "Normal SuccessfulCreate Created pod: " + pods.get(0).getMetadata().getName(),
                "Normal SuccessfulCreate Created pod: " + pods.get(1).getMetadata().getName());
        assertThat(eventsOf(deployment)).filteredOn(e -> e.getReason().equals("ScalingReplicaSet")).singleElement()
                .satisfies(e -> assertThat(e.getSource().getComponent()).isEqualTo("deployment-controller"));
    }

    /** The object's events as kubectl describe finds them: by a field selector on the involved object. */
    private List<Event> eventsOf(HasMetadata object) {
        return client.v1().events().inNamespace(namespace).withInvolvedObject(new ObjectReferenceBuilder()
                        .withName(object.getMetadata().getName()).withNamespace(namespace).withUid(object.getMetadata().getUid())
                        .withKind(object.getKind()).build())
                .list().getItems().stream()
                .sorted(java.util.Comparator.comparing((Event e) -> e.getFirstTimestamp()).thenComparing(e -> e.getMetadata().getName()))
                .toList();
    }

    private List<String> messages(HasMetadata object) {
        return eventsOf(object).stream().map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage()).toList();
    }

    private int readyReplicas(StatefulSet set) {
        StatefulSet now = client.apps().statefulSets().inNamespace(namespace).withName(set.getMetadata().getName()).get();
        return now.getStatus() == null ? 0 : Objects.requireNonNullElse(now.getStatus().getReadyReplicas(), 0);
    }

    private static StatefulSet statefulSet(String name, int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("www").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Gi"))
                .endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }
}
