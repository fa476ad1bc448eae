package io.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void writesReplicasAtADottedPathWithoutTouchingTheInput() {
        Map<String, Object> input = Map.of("kind", "EtcdCluster", "spec", Map.of("size", 3, "version", "3.2.13"));

        Map<String, Object> scaled = Workloads.withReplicas(input, "spec.size", 5);

        assertThat(Workloads.replicasAt(scaled, "spec.size")).isEqualTo(5);
        assertThat(Workloads.replicasAt(scaled, "spec.version")).isNull();
        assertThat(((Map<?, ?>) scaled.get("spec")).get("version")).isEqualTo("3.2.13");
        assertThat(Workloads.replicasAt(input, "spec.size")).isEqualTo(3);
    }

    @Test
    void createsTheMapsOnTheWayAndAcceptsTheCrdStyleLeadingDot() {
        Map<String, Object> scaled = Workloads.withReplicas(new LinkedHashMap<>(), ".spec.cluster.members", 2);

        assertThat(scaled).isEqualTo(Map.of("spec", Map.of("cluster", Map.of("members", 2))));
        scaled.put("mutable", true);
    }

    @Test
    void readsNullWhereThereIsNoInteger() {
        Map<String, Object> object = Map.of("spec", Map.of("size", "three", "ratio", 1.5, "whole", 4.0));

        assertThat(Workloads.replicasAt(object, "spec.size")).isNull();
        assertThat(Workloads.replicasAt(object, "spec.ratio")).isNull();
        assertThat(Workloads.replicasAt(object, "spec.whole")).isEqualTo(4);
        assertThat(Workloads.replicasAt(object, "spec.size.deeper")).isNull();
        assertThat(Workloads.replicasAt(object, "status.replicas")).isNull();
    }

    @Test
    void refusesPathsThatAreNotDotted() {
        assertThatThrownBy(() -> Workloads.withReplicas(Map.of(), "spec..size", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Workloads.replicasAt(Map.of(), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
