package io.berth.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.OnSimulatedCluster;
import io.berth.engine.Seeds;
import io.berth.engine.TestObjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiting for the workloads of a revision on a simulated cluster. */
class AwaitReadyTest extends OnSimulatedCluster {

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));
    private final WorkloadReadiness readiness = new WorkloadReadiness(Duration.ofMillis(50), Duration.ofMillis(600));

    @Test
    void returnsOnceTheStatefulSetIsReady() {
        List<ObjectRef> applied = applier.apply(berth, "ready-web", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "ready-web", Map.of()), Seeds.stamp("web", Seeds.NGINX_WEB, 1));

        readiness.awaitReady(berth, applied, Map.of(), Duration.ofSeconds(30), () -> false);

        var web = berth.apps().statefulSets().inNamespace("ready-web").withName("web").get();
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(3);
    }

    @Test
    void aWorkloadThatBecomesReadyBetweenTwoPollsEndsTheWaitWithoutWaitingOutThePollInterval() {
        List<ObjectRef> applied = applier.apply(berth, "prompt-web", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "prompt-web", Map.of("replicas", 1)), Seeds.stamp("web", Seeds.NGINX_WEB, 1));
        // The first poll finds the pod not ready yet (the simulator's readiness delay); the next poll would be a minute later.
        WorkloadReadiness rarePolls = new WorkloadReadiness(Duration.ofMinutes(1), Duration.ofSeconds(20));
        long start = System.nanoTime();

        rarePolls.awaitReady(berth, applied, Map.of(), Duration.ofMinutes(5), () -> false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(berth.apps().statefulSets().inNamespace("prompt-web").withName("web").get().getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void returnsOnceTheOperatorAndItsEtcdClusterAreReadyByTheTemplatesHint() {
        List<Map<String, Object>> objects = new ArrayList<>(Seeds.render(Seeds.ETCD_OPERATOR, "etcd", "ready-etcd", Map.of()));
        objects.addAll(Seeds.render(Seeds.ETCD_CLUSTER, "etcd", "ready-etcd", Map.of()));
        List<ObjectRef> applied = applier.apply(berth, "ready-etcd", true, objects, Seeds.stamp("etcd", "etcd", 1));

        readiness.awaitReady(berth, applied, Seeds.healthRules(Seeds.ETCD_CLUSTER), Duration.ofSeconds(30), () -> false);

        var etcd = berth.genericKubernetesResources("etcd.database.coreos.com/v1beta2", "EtcdCluster")
                .inNamespace("ready-etcd").withName("example-etcd-cluster").get();
        assertThat(((Map<?, ?>) etcd.getAdditionalProperties().get("status")).get("phase")).isEqualTo("Running");
    }

    @Test
    void failsAtOnceWhenAPodCrashLoopsNamingThePodAndItsReason() {
        List<ObjectRef> applied = applier.apply(berth, "crashing", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "crashing", Map.of("image", "nginx:crashloop", "replicas", 2)),
                Seeds.stamp("web", Seeds.NGINX_WEB, 1));

        // a timeout of ten minutes: only a wait that stops at the first Degraded judgement ends this test
        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of(), Duration.ofMinutes(10), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .singleElement().asString().startsWith("StatefulSet/web: Degraded, pod web-0: CrashLoopBackOff"))
                .hasMessageStartingWith("Degraded, waiting longer will not help");
    }

    @Test
    void failsAtOnceWhenAnImageCannotBePulled() {
        List<ObjectRef> applied = applier.apply(berth, "unpullable", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "unpullable", Map.of("image", "nginx:missing", "replicas", 1)),
                Seeds.stamp("web", Seeds.NGINX_WEB, 1));

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of(), Duration.ofMinutes(10), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .singleElement().asString().contains("pod web-0: ImagePullBackOff"));
    }

    @Test
    void timesOutListingWhatIsStillOnItsWayAndWhy() {
        List<ObjectRef> applied = appliedInPhase("slow", "flocks", "Flock", "geese", "Gathering");
        var rule = CustomHealthRule.byStatusPath("status.phase", List.of("Flying"), List.of("Gathering"), List.of());

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of("Flock", rule), Duration.ofMillis(600), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .containsExactly("Flock/geese: Progressing, status.phase is Gathering"))
                .hasMessageStartingWith("Not ready within");
    }

    @Test
    void aWatchedWaitStillEndsAtItsTimeoutThoughItsSafetyPollsAreFurtherApart() {
        List<ObjectRef> applied = appliedInPhase("overdue", "herons", "Heron", "grey", "Nesting");
        var rule = CustomHealthRule.byStatusPath("status.phase", List.of("Flying"), List.of("Nesting"), List.of());
        // watched, the next safety poll would come ten intervals (5 s) after the first look
        WorkloadReadiness halfSecondPolls = new WorkloadReadiness(Duration.ofMillis(500), Duration.ofSeconds(20));
        long start = System.nanoTime();

        assertThatThrownBy(() -> halfSecondPolls.awaitReady(berth, applied, Map.of("Heron", rule), Duration.ofSeconds(1), () -> false))
                .isInstanceOf(NotReadyException.class).hasMessageStartingWith("Not ready within 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void waitsForACustomResourceWithoutARuleAndCallsItUnknownNeverReady() {
        List<ObjectRef> applied = applier.apply(berth, "ruleless", true,
                List.of(TestObjects.crd("moons", "Moon", "Namespaced", false), TestObjects.custom("Moon", "luna", 1)),
                Seeds.stamp("moons", "hand-made", 1));

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of(), Duration.ofMillis(400), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .singleElement().asString().startsWith("Moon/luna: Unknown, no health rule for Moon"));
    }

    @Test
    void aHealthyCustomResourceIsNotReadyWhileItsScaleStatusLagsBehindItsSpec() {
        List<ObjectRef> applied = applier.apply(berth, "growing", true,
                List.of(TestObjects.crd("herds", "Herd", "Namespaced", true), TestObjects.custom("Herd", "cows", 5)),
                Seeds.stamp("herds", "hand-made", 1));
        var herd = berth.genericKubernetesResources("test.berth.io/v1", "Herd").inNamespace("growing").withName("cows");
        herd.editStatus(h -> { h.setAdditionalProperty("status", Map.of("phase", "Running", "size", 3)); return h; });
        var hint = CustomHealthRule.byStatusPath("status.phase", List.of("Running"), List.of(), List.of());

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of("Herd", hint), Duration.ofMillis(400), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .singleElement().asString().isEqualTo("Herd/cows: Progressing, scaling: 3 of 5 replicas"));

        herd.editStatus(h -> { h.setAdditionalProperty("status", Map.of("phase", "Running", "size", 5)); return h; });
        readiness.awaitReady(berth, applied, Map.of("Herd", hint), Duration.ofSeconds(5), () -> false);
    }

    @Test
    void failsAtOnceWhenTheTemplatesHintSaysAWorkloadFailed() {
        List<ObjectRef> applied = appliedInPhase("failing", "stars", "Star", "sun", "Collapsed");
        var hint = CustomHealthRule.byStatusPath("status.phase", List.of("Shining"), List.of(), List.of("Collapsed"));

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of("Star", hint), Duration.ofSeconds(30), () -> false))
                .isInstanceOfSatisfying(NotReadyException.class, e -> assertThat(e.notReady())
                        .containsExactly("Star/sun: Degraded, status.phase is Collapsed"))
                .hasMessageStartingWith("Degraded");
    }

    @Test
    void endsTheAttemptWithTheClustersReasonWhenTheClusterStopsAnswering() {
        List<ObjectRef> applied = applier.apply(berth, "dying", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "dying", Map.of("image", "nginx:missing", "replicas", 1)),
                Seeds.stamp("web", Seeds.NGINX_WEB, 1));
        cluster.faults().unreachable();

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of(), Duration.ofSeconds(60), () -> false))
                .isInstanceOf(ClusterSilentException.class)
                .hasMessageContaining("did not answer")
                .hasMessageContaining("while waiting for 1 workload(s)");
    }

    @Test
    void aClusterThatComesBackWithinTheSilenceLimitDoesNotEndTheWait() throws Exception {
        List<ObjectRef> applied = applier.apply(berth, "blinking", true,
                Seeds.render(Seeds.NGINX_WEB, "web", "blinking", Map.of("replicas", 1)), Seeds.stamp("web", Seeds.NGINX_WEB, 1));
        cluster.faults().unreachable();
        Thread comesBack = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cluster.faults().reachable();
        });
        comesBack.start();

        readiness.awaitReady(berth, applied, Map.of(), Duration.ofSeconds(30), () -> false);
        comesBack.join();
        assertThat(berth.apps().statefulSets().inNamespace("blinking").withName("web").get().getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void stopsWhenCancelled() {
        List<ObjectRef> applied = applier.apply(berth, "cancelled", true,
                List.of(TestObjects.crd("tides", "Tide", "Namespaced", false), TestObjects.custom("Tide", "spring", 1)),
                Seeds.stamp("tides", "hand-made", 1));
        var rule = CustomHealthRule.byStatusPath("status.phase", List.of("High"), List.of(), List.of());
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> readiness.awaitReady(berth, applied, Map.of("Tide", rule), Duration.ofMinutes(5), () -> polls.incrementAndGet() > 3))
                .isInstanceOf(CancellationException.class);
        assertThat(polls).hasValue(4);
    }

    /** A custom resource (with its CRD) applied in the namespace, its {@code status.phase} set as its operator would. */
    private List<ObjectRef> appliedInPhase(String namespace, String plural, String kind, String name, String phase) {
        List<ObjectRef> applied = applier.apply(berth, namespace, true,
                List.of(TestObjects.crd(plural, kind, "Namespaced", false), TestObjects.custom(kind, name, 1)),
                Seeds.stamp(plural, "hand-made", 1));
        berth.genericKubernetesResources("test.berth.io/v1", kind).inNamespace(namespace).withName(name)
                .editStatus(o -> { o.setAdditionalProperty("status", Map.of("phase", phase)); return o; });
        return applied;
    }
}
