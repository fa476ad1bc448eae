package io.berth.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** How the reads of many clusters end: each target with its value or why not, one cluster never failing another. */
class ClusterFanOutTest {

    private final ClusterRegistry clusters = mock(ClusterRegistry.class);
    private final ClusterFanOut fanOut = new ClusterFanOut(clusters, new ResourceSettings(Duration.ofMillis(300), 4));

    @AfterEach
    void stop() {
        fanOut.destroy();
    }

    @Test
    void everyTargetGetsItsOwnClustersAnswerInTheOrderGiven() {
        clientsFor("east", "west");
        when(clusters.explainFailure(eq("west"), any())).thenReturn("Cluster 'west': Connection to https://west was refused");
        List<DeployedTarget> targets = List.of(target("east", "a"), target("west", "a"), target("east", "b"));

        List<ClusterFanOut.Outcome<String>> outcomes = fanOut.read(targets, (client, target) -> {
            if (target.cluster().equals("west")) {
                throw new KubernetesClientException("Failed to connect", new ConnectException("Connection refused"));
            }
            return target.cluster() + "/" + target.namespace();
        });

        assertThat(outcomes).extracting(ClusterFanOut.Outcome::target).containsExactlyElementsOf(targets);
        assertThat(outcomes).extracting(ClusterFanOut.Outcome::value).containsExactly("east/a", null, "east/b");
        assertThat(outcomes).extracting(ClusterFanOut.Outcome::error)
                .containsExactly(null, "Cluster 'west': Connection to https://west was refused", null);
    }

    @Test
    void aClusterThatDoesNotAnswerInTimeFailsOnlyItsTargetsWithTheDeadlineNamed() throws Exception {
        clientsFor("slow", "quick");
        when(clusters.explainFailure(eq("slow"), any(TimeoutException.class))).thenReturn("Cluster 'slow': No answer from https://slow in time");
        CountDownLatch interrupted = new CountDownLatch(1);

        List<ClusterFanOut.Outcome<String>> outcomes = fanOut.read(List.of(target("slow", "a"), target("quick", "a")),
                (client, target) -> {
                    if (target.cluster().equals("slow")) {
                        try {
                            new CountDownLatch(1).await(); // a call that hangs until it is interrupted
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw new KubernetesClientException("interrupted", e);
                        }
                    }
                    return "read";
                });

        assertThat(outcomes.get(0).error()).isEqualTo("Cluster 'slow': No answer from https://slow in time (gave up after 300ms)");
        assertThat(outcomes.get(0).value()).isNull();
        assertThat(outcomes.get(1).value()).isEqualTo("read");
        interrupted.await(); // the hanging call was given up, not left to run
    }

    @Test
    void anErrorOfBerthsOwnIsNeverPutOnTheCluster() {
        clientsFor("east");

        List<ClusterFanOut.Outcome<String>> outcomes = fanOut.read(List.of(target("east", "a")), (client, target) -> {
            throw new NullPointerException("a bug");
        });

        assertThat(outcomes.get(0).error()).startsWith("Berth could not read this target because of an error of its own")
                .doesNotContain("east");
    }

    @Test
    void aClientThatCannotBeMadeFailsTheClustersTargetsAndTheDatabaseBeingAwayFailsTheRequest() {
        when(clusters.client("east")).thenThrow(new IllegalStateException("kubeconfig names a proxy that is not allowed"));
        when(clusters.explainFailure(eq("east"), any())).thenReturn("Cluster 'east': Berth did not connect");

        assertThat(fanOut.read(List.of(target("east", "a")), (client, target) -> "read"))
                .extracting(ClusterFanOut.Outcome::error).containsExactly("Cluster 'east': Berth did not connect");

        when(clusters.client("west")).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        assertThatThrownBy(() -> fanOut.read(List.of(target("west", "a")), (client, target) -> "read"))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
    }

    @Test
    void theSettingsRefuseADeadlineThatIsNoneAndAPoolWithoutThreads() {
        assertThatThrownBy(() -> new ResourceSettings(Duration.ZERO, 4)).hasMessageContaining("berth.resources.deadline");
        assertThatThrownBy(() -> new ResourceSettings(Duration.ofSeconds(5), 0)).hasMessageContaining("berth.resources.parallelism");
    }

    private void clientsFor(String... names) {
        for (String name : names) {
            when(clusters.client(name)).thenReturn(mock(KubernetesClient.class));
        }
    }

    private static DeployedTarget target(String cluster, String namespace) {
        return new DeployedTarget(cluster, namespace, 1, List.of(new ObjectRef("apps/v1", "StatefulSet", namespace, "web")), Map.of());
    }
}
