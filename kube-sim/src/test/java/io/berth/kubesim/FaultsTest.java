package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults as an outside caller (Berth) sees them: through the kubeconfig, over HTTPS. */
@SimulatedClusters(readinessDelayMillis = 50)
class FaultsTest {

    private static final String NAMESPACE = "faults";

    private SimulatedCluster cluster;
    private KubernetesClient client;

    FaultsTest(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void connect() {
        Config config = Config.fromKubeconfig(cluster.kubeconfig());
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout(2_000);
        config.setRequestTimeout(5_000);
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void clearFaults() {
        cluster.faults().clear();
        client.close();
    }

    @Test
    void unreachableRefusesConnectionsAndReachableBringsBackTheSameCluster() {
        client.configMaps().inNamespace(NAMESPACE).resource(configMap("before-outage")).create();
        int port = URI.create(cluster.url()).getPort();

        cluster.faults().unreachable();
        assertThat(cluster.faults().isReachable()).isFalse();
        // the first call may still meet the connection the gate has just cut; from then on, connecting is refused
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).list())
                        .isInstanceOf(KubernetesClientException.class)
                        .satisfies(e -> assertThat(hasCause(e, ConnectException.class)).as("cause chain of %s", e).isTrue()));
        // the cluster itself goes on: its controllers make a pod created meanwhile Ready
        cluster.client().pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("during-outage")
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27").endContainer()
                .endSpec().build()).create();

        cluster.faults().reachable();

        assertThat(URI.create(cluster.url()).getPort()).isEqualTo(port);
        assertThat(client.configMaps().inNamespace(NAMESPACE).withName("before-outage").get()).isNotNull();
        // the pod's status is the controllers' to give: none yet at first
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            PodStatus status = client.pods().inNamespace(NAMESPACE).withName("during-outage").get().getStatus();
            return status != null && "Running".equals(status.getPhase());
        });
    }

    @Test
    void latencyDelaysEveryAnswer() {
        client.configMaps().inNamespace(NAMESPACE).list();
        cluster.faults().latency(Duration.ofMillis(700));

        long started = System.nanoTime();
        client.configMaps().inNamespace(NAMESPACE).list();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));

        cluster.faults().latency(Duration.ZERO);
        started = System.nanoTime();
        client.configMaps().inNamespace(NAMESPACE).list();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(700));
    }

    @Test
    void unauthorizedAnswers401UntilTakenAway() {
        cluster.faults().unauthorized(true);

        assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));

        cluster.faults().unauthorized(false);
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).isNotNull();
    }

    @Test
    void failingShareOfOneAnswersEveryRequest500() {
        cluster.faults().failingShare(1.0);

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.configMaps().inNamespace(NAMESPACE).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        }
    }

    @Test
    void failingShareOfAHalfFailsAboutHalfTheRequests() {
        cluster.faults().failingShare(0.5);

        int failed = 0;
        for (int i = 0; i < 200; i++) {
            try {
                client.configMaps().inNamespace(NAMESPACE).list();
            } catch (KubernetesClientException e) {
                assertThat(e.getCode()).isEqualTo(500);
                failed++;
            }
        }
        // binomial(200, 0.5): 60..140 is more than five standard deviations either side
        assertThat(failed).isBetween(60, 140);
    }

    @Test
    void faultsDoNotAffectTheInternalClient() {
        cluster.faults().unreachable().unauthorized(true).failingShare(1.0).latency(Duration.ofSeconds(2));

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(cluster.client().nodes().list().getItems()).hasSize(3);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void clearTakesEveryFaultAway() {
        cluster.faults().unreachable().unauthorized(true).failingShare(1.0).latency(Duration.ofMillis(300));

        cluster.faults().clear();

        assertThat(cluster.faults().isReachable()).isTrue();
        assertThat(cluster.faults().isUnauthorized()).isFalse();
        assertThat(cluster.faults().failingShare()).isZero();
        assertThat(cluster.faults().latency()).isZero();
        assertThat(client.nodes().list().getItems()).hasSize(3);
    }

    @Test
    void outsideRequestsAreCountedAndTheClusterOwnAreNot() {
        long before = cluster.outsideRequests();

        client.configMaps().inNamespace(NAMESPACE).list();
        client.configMaps().inNamespace(NAMESPACE).withName("absent").get();
        cluster.client().configMaps().inNamespace(NAMESPACE).list();

        assertThat(cluster.outsideRequests() - before).isEqualTo(2);
    }

    @Test
    void heldWatchEventsReachTheWatchersOnlyWhenLetGoInOrderWhileReadsSeeTheChangesAtOnce() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.configMaps().inNamespace("held-watch").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace("held-watch").resource(configMap("heard")).create();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("ADDED heard"));

            cluster.faults().watchEventsHeld(true);
            client.configMaps().inNamespace("held-watch").resource(configMap("late-1")).create();
            client.configMaps().inNamespace("held-watch").withName("heard").delete();
            assertThat(client.configMaps().inNamespace("held-watch").withName("late-1").get()).as("reads see it at once").isNotNull();
            Thread.sleep(300);
            assertThat(seen).as("watchers hear nothing while held").containsExactly("ADDED heard");

            cluster.faults().watchEventsHeld(false);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(seen).containsExactly("ADDED heard", "ADDED late-1", "DELETED heard"));
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
