package io.berth.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.OnSimulatedCluster;
import io.berth.engine.Seeds;
import io.berth.engine.health.Health;
import io.berth.engine.health.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watching Berth's objects on a simulated cluster, and judging them from the watch's caches. */
class ClusterWatchTest extends OnSimulatedCluster {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final WatchedKind STATEFUL_SET = new WatchedKind("apps/v1", "StatefulSet");

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));
    private final ConcurrentLinkedQueue<String> changes = new ConcurrentLinkedQueue<>();
    private ClusterWatch watch;

    @BeforeEach
    void startWatching() {
        watch = new ClusterWatch("sim-1", berth, (cluster, namespace, application) ->
                changes.add(cluster + "/" + namespace + "/" + application));
        watch.watch(Set.of(STATEFUL_SET, WatchedKind.POD));
        await().atMost(WAIT).until(() -> watch.isConnected() && watch.isSynced(STATEFUL_SET) && watch.isSynced(WatchedKind.POD));
        assertThat(watch.hasLostAWatch()).as("a watch that only started has lost nothing").isFalse();
    }

    @AfterEach
    void stopWatching() {
        watch.close();
    }

    @Test
    void seesBerthsWorkloadAndItsPodsAndJudgesThemFromItsCaches() {
        List<ObjectRef> applied = applier.apply(berth, "watched", true, Seeds.render(Seeds.NGINX_WEB, "shop", "watched", Map.of()),
                Seeds.stamp("shop", Seeds.NGINX_WEB, 1));
        ObjectRef web = applied.get(1);
        CachedReader reader = new CachedReader(watch);

        await().atMost(WAIT).until(() -> reader.observe(web, null).map(Observation::health).orElse(null) == Health.Healthy);
        assertThat(changes).contains("sim-1/watched/shop");
        assertThat(watch.pods("watched")).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("web-0", "web-1", "web-2");
    }

    @Test
    void objectsWithoutBerthsLabelAreNotWatched() {
        cluster.client().configMaps().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("not-ours").endMetadata().build()).create();
        watch.watch(Set.of(STATEFUL_SET, WatchedKind.POD, new WatchedKind("v1", "ConfigMap")));
        await().atMost(WAIT).until(() -> watch.isSynced(new WatchedKind("v1", "ConfigMap")));

        applier.apply(berth, "labelled", true, List.of(io.berth.engine.TestObjects.configMap("ours")),
                Seeds.stamp("mine", "hand-made", 1));

        await().atMost(WAIT).until(() -> watch.find(new ObjectRef("v1", "ConfigMap", "labelled", "ours")).isPresent());
        assertThat(watch.find(new ObjectRef("v1", "ConfigMap", "default", "not-ours"))).isEmpty();
    }

    @Test
    void aMissingObjectIsMissingOnlyOnceItsKindIsListed() {
        ObjectRef nowhere = new ObjectRef("apps/v1", "Deployment", "watched", "nowhere");
        CachedReader reader = new CachedReader(watch);

        assertThat(reader.observe(nowhere, null)).isEmpty();
        assertThatThrownBy(() -> watch.find(nowhere)).isInstanceOf(IllegalStateException.class);

        watch.watch(Set.of(STATEFUL_SET, WatchedKind.POD, new WatchedKind("apps/v1", "Deployment")));
        await().atMost(WAIT).until(() -> reader.observe(nowhere, null).isPresent());
        assertThat(reader.observe(nowhere, null).get().health()).isEqualTo(Health.Missing);
    }

    @Test
    void aKindTheClusterDoesNotServeIsWatchedAsHavingNoObjects() {
        WatchedKind unserved = new WatchedKind("example.com/v1", "Nothing");
        watch.watch(Set.of(STATEFUL_SET, WatchedKind.POD, unserved));

        assertThat(watch.isSynced(unserved)).isTrue();
        assertThat(watch.isConnected()).isTrue();
        assertThat(watch.find(new ObjectRef("example.com/v1", "Nothing", "x", "y"))).isEmpty();
    }

    @Test
    void saysWhenTheClusterIsAwayAndRelistsWhatChangedMeanwhile() {
        List<ObjectRef> applied = applier.apply(berth, "away", true,
                Seeds.render(Seeds.NGINX_WEB, "db", "away", Map.of("replicas", 1)), Seeds.stamp("db", Seeds.NGINX_WEB, 1));
        await().atMost(WAIT).until(() -> watch.find(applied.get(1)).isPresent());

        cluster.faults().unreachable();
        await().atMost(WAIT).until(() -> !watch.isConnected() && watch.hasLostAWatch());
        // a change the watch cannot see while the cluster is away from Berth
        cluster.client().apps().statefulSets().inNamespace("away").withName("web").scale(2);
        cluster.faults().reachable();
        await().atMost(WAIT).until(watch::isConnected);
        watch.connectedAgain();
        watch.relist();
        assertThat(watch.hasLostAWatch()).as("a watch being listed again has lost nothing yet").isFalse();

        await().atMost(WAIT).until(() -> watch.isSynced(STATEFUL_SET) && watch.find(applied.get(1))
                .map(s -> ((Map<?, ?>) s.getAdditionalProperties().get("spec")).get("replicas")).orElse(null)
                .equals(2));
    }

    @Test
    void kindsNoLongerAskedForAreNoLongerWatched() {
        watch.watch(Set.of(WatchedKind.POD));

        assertThat(watch.watchedKinds()).containsExactly(WatchedKind.POD);
        assertThat(watch.hasLostAWatch()).isFalse();
    }
}
