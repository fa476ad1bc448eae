package io.berth.kubesim;

import io.berth.kubesim.junit.SimulatedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@SimulatedClusters
class PodLifecycleTest {

    private static SimulatedCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        client = cluster.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("pods").endMetadata().build()).create();
    }


    @Test
    void newPodIsScheduledAndBecomesReadyAfterTheDelay() {
        create("ok", "nginx:1.27");

        await().atMost(Duration.ofSeconds(5)).until(() -> ready(get("ok")));
        Pod pod = get("ok");
        assertThat(pod.getSpec().getNodeName()).startsWith("sim-node-");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
    }

    @Test
    void initContainersCompleteBeforeTheContainersStart() {
        client.pods().inNamespace("pods").resource(new PodBuilder().withNewMetadata().withName("with-init").endMetadata()
                .withNewSpec().addNewInitContainer().withName("prepare").withImage("busybox:1.36").endInitContainer()
                .addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec().build()).create();

        await().atMost(Duration.ofSeconds(5)).until(() -> get("with-init").getStatus() != null
                && !get("with-init").getStatus().getInitContainerStatuses().isEmpty());
        Pod initializing = get("with-init");
        if (!ready(initializing)) {
            assertThat(initializing.getStatus().getInitContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
            assertThat(waitingReason(initializing)).isEqualTo("PodInitializing");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> ready(get("with-init")));
        Pod pod = get("with-init");
        assertThat(pod.getStatus().getInitContainerStatuses()).singleElement().satisfies(init -> {
            assertThat(init.getState().getTerminated().getExitCode()).isZero();
            assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed");
        });
        assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Initialized");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void crashLoopImageNeverBecomesReady() {
        create("crash", "nginx:crashloop");

        await().atMost(Duration.ofSeconds(5)).until(() -> "CrashLoopBackOff".equals(waitingReason(get("crash"))));
        assertThat(ready(get("crash"))).isFalse();
    }

    @Test
    void missingImageIsNeverPulled() {
        create("missing", "nginx:missing");

        await().atMost(Duration.ofSeconds(5)).until(() -> "ImagePullBackOff".equals(waitingReason(get("missing"))));
        assertThat(get("missing").getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void podsOnANodeThatIsNotReadyAreNotReady() {
        create("on-node", "nginx:1.27");
        await().atMost(Duration.ofSeconds(5)).until(() -> ready(get("on-node")));
        String node = get("on-node").getSpec().getNodeName();

        cluster.faults().nodeReady(node, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !ready(get("on-node")));

        cluster.faults().nodeReady(node, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> ready(get("on-node")));
    }

    private static void create(String name, String image) {
        client.pods().inNamespace("pods").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec().build()).create();
    }

    private static Pod get(String name) {
        return client.pods().inNamespace("pods").withName(name).get();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String waitingReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        var state = pod.getStatus().getContainerStatuses().get(0).getState();
        return state != null && state.getWaiting() != null ? state.getWaiting().getReason() : null;
    }
}
