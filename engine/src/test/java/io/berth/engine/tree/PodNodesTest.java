package io.berth.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pods as the tree shows them, from plain object trees. */
class PodNodesTest {

    @Test
    void aReadyPodOfAStatefulSetHasItsOrdinalNodeRevisionAndAgeAndNoReason() {
        PodNode node = PodNodes.of(pod("web-2", Map.of("controller-revision-hash", "web-5d8c7f9b6a"),
                Map.of("phase", "Running", "conditions", List.of(condition("Ready", "True")),
                        "containerStatuses", List.of(Map.of("name", "nginx", "restartCount", 0, "ready", true,
                                "state", Map.of("running", Map.of()))))), "web");

        assertThat(node.name()).isEqualTo("web-2");
        assertThat(node.ordinal()).isEqualTo(2);
        assertThat(node.ready()).isTrue();
        assertThat(node.reason()).isNull();
        assertThat(node.health()).isEqualTo(Health.Healthy);
        assertThat(node.node()).isEqualTo("node-a");
        assertThat(node.controllerRevision()).isEqualTo("web-5d8c7f9b6a");
        assertThat(node.createdAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(node.phase()).isEqualTo("Running");
    }

    @Test
    void aCrashLoopingPodSaysWhyItIsNotReadyAndCountsTheRestartsOfAllItsContainers() {
        PodNode node = PodNodes.of(pod("web-0", Map.of(), Map.of("phase", "Running",
                "conditions", List.of(condition("Ready", "False")),
                "initContainerStatuses", List.of(Map.of("name", "init", "restartCount", 1,
                        "state", Map.of("terminated", Map.of("reason", "Completed", "exitCode", 0)))),
                "containerStatuses", List.of(
                        Map.of("name", "sidecar", "restartCount", 2, "state", Map.of("running", Map.of())),
                        Map.of("name", "nginx", "restartCount", 5, "state", Map.of("waiting", Map.of(
                                "reason", "CrashLoopBackOff", "message", "back-off 2m40s restarting failed container=nginx")))))),
                "web");

        assertThat(node.ready()).isFalse();
        assertThat(node.restarts()).isEqualTo(8);
        assertThat(node.reason()).isEqualTo("CrashLoopBackOff: back-off 2m40s restarting failed container=nginx");
        assertThat(node.health()).isEqualTo(Health.Degraded);
    }

    @Test
    void aPodThatCannotBeScheduledSaysSo() {
        PodNode node = PodNodes.of(pod("web-1", Map.of(), Map.of("phase", "Pending", "conditions", List.of(Map.of(
                "type", "PodScheduled", "status", "False", "reason", "Unschedulable",
                "message", "0/3 nodes are available: 3 Insufficient memory."))))
                , "web");

        assertThat(node.reason()).isEqualTo("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
        assertThat(node.health()).isEqualTo(Health.Progressing);
    }

    @Test
    void aContainerThatEndedWithAnErrorNamesItsExitCode() {
        PodNode node = PodNodes.of(pod("job-1", Map.of(), Map.of("phase", "Running", "containerStatuses", List.of(
                Map.of("name", "main", "restartCount", 0, "state", Map.of("terminated", Map.of("reason", "Error", "exitCode", 137)))))),
                null);

        assertThat(node.reason()).isEqualTo("Error: exit code 137");
    }

    @Test
    void aPodWithoutStatusIsNotReadyAndItsPhaseIsTheReason() {
        assertThat(PodNodes.of(pod("web-0", Map.of(), Map.of("phase", "Pending")), "web").reason()).isEqualTo("Pending");
        assertThat(PodNodes.of(pod("web-0", Map.of(), Map.of()), "web").reason()).isEqualTo("NotReady");
    }

    @Test
    void podsOfOtherOwnersHaveNoOrdinalAndADeploymentsPodShowsItsTemplateHash() {
        PodNode member = PodNodes.of(pod("example-etcd-cluster-x7k2m9qd", Map.of(), Map.of()), null);
        PodNode replica = PodNodes.of(pod("etcd-operator-5f7d9c-abcde", Map.of("pod-template-hash", "5f7d9c"), Map.of()), null);

        assertThat(member.ordinal()).isNull();
        assertThat(replica.ordinal()).isNull();
        assertThat(replica.controllerRevision()).isEqualTo("5f7d9c");
    }

    @Test
    void onlyAPlainNumberAfterTheSetsNameIsAnOrdinal() {
        assertThat(Ordinals.after("web", "web-0")).isZero();
        assertThat(Ordinals.after("web", "web-12")).isEqualTo(12);
        assertThat(Ordinals.after("web", "web-01")).isNull();
        assertThat(Ordinals.after("web", "web-")).isNull();
        assertThat(Ordinals.after("web", "webby-1")).isNull();
        assertThat(Ordinals.after("web", "web-x1")).isNull();
        assertThat(Ordinals.after("web", "web-1234567890")).isNull();
        assertThat(Ordinals.after("www-web", "www-web-3")).isEqualTo(3);
    }

    static Map<String, Object> condition(String type, String status) {
        return Map.of("type", type, "status", status);
    }

    /** A pod as the API server lists it (no apiVersion and kind on typed list items). */
    static Map<String, Object> pod(String name, Map<String, String> labels, Map<String, Object> status) {
        return Map.of("metadata", Map.of("name", name, "uid", "uid-" + name, "labels", labels,
                        "creationTimestamp", "2026-11-20T10:00:00Z"),
                "spec", Map.of("nodeName", "node-a"), "status", status);
    }
}
