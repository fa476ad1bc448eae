package io.berth.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.health.LiveObject;
import io.berth.engine.health.ReplicaCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the tree says of an object's size and state, from plain object trees. */
class SummariesTest {

    @Test
    void anEtcdClusterShowsItsPhaseItsScaleCountAndItsMembers() {
        Map<String, Object> etcd = etcdCluster(Map.of("phase", "Running", "size", 2,
                "members", Map.of("ready", List.of("etcd-a", "etcd-b"), "unready", List.of("etcd-c"))));

        ObjectSummary summary = Summaries.of(new LiveObject(etcd, List.of(), new ReplicaCount(3, 2), null));

        assertThat(summary).isEqualTo(new ObjectSummary("Running", 3, 2, null, List.of("etcd-a", "etcd-b"), List.of("etcd-c")));
    }

    @Test
    void withoutAScaleSubresourceTheSizeComesFromSpecAndStatusSize() {
        Map<String, Object> etcd = etcdCluster(Map.of("phase", "Creating", "size", 1, "members", Map.of("unready", List.of("etcd-a"))));

        ObjectSummary summary = Summaries.of(LiveObject.of(etcd));

        assertThat(summary.desiredReplicas()).isEqualTo(3);
        assertThat(summary.currentReplicas()).isEqualTo(1);
        assertThat(summary.readyMembers()).isEmpty(); // the operator leaves an empty list out
        assertThat(summary.unreadyMembers()).containsExactly("etcd-a");
    }

    @Test
    void aCustomResourceThatListsNoMembersHasNone() {
        Map<String, Object> moon = Map.of("apiVersion", "test.berth.io/v1", "kind", "Moon", "metadata", Map.of("name", "io"),
                "status", Map.of("phase", "Ready"));

        assertThat(Summaries.of(LiveObject.of(moon))).isEqualTo(new ObjectSummary("Ready", null, null, null, null, null));
    }

    @Test
    void aCustomResourceWhoseStatusSaysNothingHasNoSummary() {
        Map<String, Object> moon = Map.of("apiVersion", "test.berth.io/v1", "kind", "Moon", "metadata", Map.of("name", "io"));

        assertThat(Summaries.of(LiveObject.of(moon))).isNull();
    }

    @Test
    void aStatefulSetShowsItsReplicasAskedExistingAndReady() {
        Map<String, Object> web = Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", Map.of("name", "web"),
                "spec", Map.of("replicas", 3), "status", Map.of("replicas", 3, "readyReplicas", 2));

        assertThat(Summaries.of(LiveObject.of(web))).isEqualTo(new ObjectSummary(null, 3, 3, 2, null, null));
    }

    @Test
    void kindsWithoutSizeHaveNoSummary() {
        Map<String, Object> service = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "nginx"));

        assertThat(Summaries.of(LiveObject.of(service))).isNull();
    }

    private static Map<String, Object> etcdCluster(Map<String, Object> status) {
        return Map.of("apiVersion", "etcd.database.coreos.com/v1beta2", "kind", "EtcdCluster",
                "metadata", Map.of("name", "example-etcd-cluster"), "spec", Map.of("size", 3, "version", "3.2.13"),
                "status", status);
    }
}
