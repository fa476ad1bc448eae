package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.engine.ObjectRef;
import io.berth.engine.Stamping;
import io.berth.engine.watch.ClusterWatch;
import io.berth.engine.watch.WatchedKind;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a watch closes and opens again, the outage the tracker acts on is one longer than Berth's
 * stale-after: an informer's own reconnects (the API server closes every watch after some minutes)
 * resume from the last resource version, lose nothing, and must not start a full relist.
 */
@SimulatedClusters(count = 1)
class ClusterWatchesTest {

    private static final WatchedKind CONFIG_MAP = new WatchedKind("v1", "ConfigMap");
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private KubernetesClient client;
    private ClusterWatches watches;

    @AfterEach
    void close() {
        watches.close();
        client.close();
    }

    @Test
    void aWatchThatReconnectsWithinStaleAfterCatchesUpWithoutARelist(SimulatedCluster cluster) {
        ClusterWatch watch = watchConfigMaps(cluster);

        cluster.faults().unreachable();
        await().atMost(Duration.ofSeconds(20)).until(() -> !watch.isConnected());
        Instant lost = Instant.now();
        assertThat(watches.check(lost, STALE_AFTER).down()).isEmpty();
        cluster.client().configMaps().inNamespace("brief").resource(managed("while-away")).create();
        cluster.faults().reachable();
        await().atMost(Duration.ofSeconds(30)).until(watch::isConnected);

        ClusterWatches.Connections connections = watches.check(Instant.now(), STALE_AFTER);
        assertThat(connections.relisted()).as("a brief gap is no outage: nothing to list again").isEmpty();
        assertThat(connections.back()).as("its targets are worth a look").containsExactly(cluster.name());
        assertThat(connections.down()).isEmpty();
        // the informer resumed from its last resource version: what changed in the gap arrives all the same
        await().atMost(Duration.ofSeconds(10))
                .until(() -> watch.find(new ObjectRef("v1", "ConfigMap", "brief", "while-away")).isPresent());
    }

    @Test
    void aWatchClosedLongerThanStaleAfterIsDownThenBackAndListedAgain(SimulatedCluster cluster) {
        ClusterWatch watch = watchConfigMaps(cluster);

        cluster.faults().unreachable();
        await().atMost(Duration.ofSeconds(20)).until(() -> !watch.isConnected());
        Instant lost = Instant.now();
        assertThat(watches.check(lost, STALE_AFTER).down()).isEmpty();
        assertThat(watches.check(lost.plus(STALE_AFTER), STALE_AFTER).down()).containsKey(cluster.name());
        cluster.faults().reachable();
        await().atMost(Duration.ofSeconds(30)).until(watch::isConnected);

        ClusterWatches.Connections connections = watches.check(lost.plus(STALE_AFTER).plusSeconds(1), STALE_AFTER);
        assertThat(connections.back()).containsExactly(cluster.name());
        assertThat(connections.relisted()).containsExactly(cluster.name());
        assertThat(connections.down()).isEmpty();
    }

    private ClusterWatch watchConfigMaps(SimulatedCluster cluster) {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("brief").endMetadata().build())
                .serverSideApply();
        client = cluster.outsideClient();
        watches = new ClusterWatches(names -> clientFor(names, client), (name, namespace, application) -> {
        });
        watches.sync(Map.of(cluster.name(), Set.of(CONFIG_MAP)));
        ClusterWatch watch = watches.get(cluster.name()).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> watch.isConnected() && !watch.isStarting());
        return watch;
    }

    @Test
    void aSyncAsksTheRegistryOnceForTheClientsOfAllItsClustersAndLeavesOutTheUnregistered(SimulatedCluster cluster) {
        client = cluster.outsideClient();
        List<Set<String>> asked = new ArrayList<>();
        watches = new ClusterWatches(names -> {
            asked.add(Set.copyOf(names));
            return clientFor(names.stream().filter(n -> !n.equals("gone")).toList(), client);
        }, (name, namespace, application) -> {
        });

        watches.sync(Map.of("east", Set.of(CONFIG_MAP), "west", Set.of(CONFIG_MAP), "gone", Set.of(CONFIG_MAP)));

        assertThat(asked).as("one read of the registry for the refresh, not one per cluster")
                .containsExactly(Set.of("east", "west", "gone"));
        assertThat(watches.get("east")).isPresent();
        assertThat(watches.get("west")).isPresent();
        assertThat(watches.get("gone")).as("not registered: not watched").isEmpty();
    }

    private static Map<String, KubernetesClient> clientFor(Collection<String> names, KubernetesClient client) {
        Map<String, KubernetesClient> clients = new HashMap<>();
        names.forEach(name -> clients.put(name, client));
        return clients;
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap managed(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("brief")
                .addToLabels(Stamping.MANAGED_BY, Stamping.BERTH).addToLabels(Stamping.APPLICATION, "brief").endMetadata()
                .addToData("k", "v").build();
    }
}
