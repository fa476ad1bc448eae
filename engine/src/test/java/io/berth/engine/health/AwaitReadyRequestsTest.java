package io.berth.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.Seeds;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How much a readiness wait asks of a cluster. A deploy to fifty clusters waits on fifty of them at
 * once, so every read the wait makes is multiplied; the article's {@code web} rolls out pod by pod and
 * its StatefulSet changes several times on the way, and none of those changes can end the wait until
 * its own status says every replica is ready. A readiness delay of a quarter second per pod keeps the
 * first look from ever being the last.
 */
@SimulatedClusters(count = 1, readinessDelayMillis = 250)
class AwaitReadyRequestsTest {

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));

    @Test
    void aWatchedStatefulSetIsReadAgainOnlyWhenItsOwnStatusSaysItMayBeReady(SimulatedCluster cluster) {
        try (KubernetesClient berth = cluster.outsideClient()) {
            List<ObjectRef> applied = applier.apply(berth, "counted", true,
                    Seeds.render(Seeds.NGINX_WEB, "web", "counted", Map.of("replicas", 3)), Seeds.stamp("web", Seeds.NGINX_WEB, 1));
            // polls a minute apart: within this wait only the watch can bring it to look again
            WorkloadReadiness readiness = new WorkloadReadiness(Duration.ofMinutes(1), Duration.ofSeconds(20));
            long before = cluster.outsideRequests();

            readiness.awaitReady(berth, applied, Map.of(), Duration.ofMinutes(5), () -> false);

            // the first look (the StatefulSet and its pods), a watch of each, the look that finds it ready
            assertThat(cluster.outsideRequests() - before).isLessThanOrEqualTo(6);
            assertThat(berth.apps().statefulSets().inNamespace("counted").withName("web").get().getStatus().getReadyReplicas())
                    .isEqualTo(3);
        }
    }

    @Test
    void aPodThatStartsFailingBetweenTwoPollsEndsTheWaitThenThoughItsStatefulSetDoesNotChange(SimulatedCluster cluster) {
        try (KubernetesClient berth = cluster.outsideClient()) {
            List<ObjectRef> applied = applier.apply(berth, "failing-late", true,
                    Seeds.render(Seeds.NGINX_WEB, "web", "failing-late", Map.of("image", "nginx:crashloop", "replicas", 1)),
                    Seeds.stamp("web", Seeds.NGINX_WEB, 1));
            // the first look comes before the pod's container has failed; the next poll would be a minute later
            WorkloadReadiness rarePolls = new WorkloadReadiness(Duration.ofMinutes(1), Duration.ofSeconds(20));
            long start = System.nanoTime();

            assertThatThrownBy(() -> rarePolls.awaitReady(berth, applied, Map.of(), Duration.ofMinutes(10), () -> false))
                    .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                            .singleElement().asString().contains("pod web-0: CrashLoopBackOff"));
            // a wait left to its polls would end after the minute
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }
}
