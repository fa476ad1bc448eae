package io.berth.cluster.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    private static final List<String> CLUSTERS = IntStream.range(0, 600).mapToObj(i -> "cluster-" + i).toList();

    @Test
    void everyReplicaGetsAboutItsShare() {
        Map<String, Integer> share = shares(List.of("berth-a1", "berth-b2", "berth-c3"));

        assertThat(share.values()).as(share.toString()).allSatisfy(count -> assertThat(count).isBetween(150, 250));
    }

    @Test
    void aReplicaLeavingMovesOnlyTheClustersItHeld() {
        List<String> three = List.of("berth-a1", "berth-b2", "berth-c3");
        List<String> two = List.of("berth-a1", "berth-c3");

        for (String cluster : CLUSTERS) {
            String before = Rendezvous.owner(cluster, three);
            if (!before.equals("berth-b2")) {
                assertThat(Rendezvous.owner(cluster, two)).as(cluster).isEqualTo(before);
            }
        }
    }

    @Test
    void aReplicaJoiningTakesOnlyFromTheOthersAndTheOrderOfTheListDoesNotMatter() {
        List<String> two = List.of("berth-a1", "berth-c3");
        List<String> three = List.of("berth-c3", "berth-b2", "berth-a1");

        int moved = 0;
        for (String cluster : CLUSTERS) {
            String after = Rendezvous.owner(cluster, three);
            if (!after.equals(Rendezvous.owner(cluster, two))) {
                assertThat(after).as(cluster).isEqualTo("berth-b2");
                moved++;
            }
        }
        assertThat(moved).as("clusters moved to the new replica").isBetween(150, 250);
    }

    @Test
    void noReplicaNoOwner() {
        assertThat(Rendezvous.owner("web", List.of())).isNull();
    }

    private static Map<String, Integer> shares(List<String> replicas) {
        Map<String, Integer> share = new HashMap<>();
        CLUSTERS.forEach(cluster -> share.merge(Rendezvous.owner(cluster, replicas), 1, Integer::sum));
        return share;
    }
}
