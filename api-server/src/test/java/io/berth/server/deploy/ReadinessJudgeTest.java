package io.berth.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.HealthHint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure readiness rules, one live object at a time. */
class ReadinessJudgeTest {

    private static final HealthHint ETCD_PHASE = HealthHint.fromStatusPath("status.phase", List.of("Running"),
            List.of("Creating"), List.of("Failed"));

    @Test
    void aStatefulSetIsReadyWhenAllReplicasAreReadyAndUpdatedAtTheObservedGeneration() {
        assertThat(judge(statefulSet(3, Map.of("observedGeneration", 2, "replicas", 3, "readyReplicas", 3,
                "updatedReplicas", 3, "currentRevision", "web-a", "updateRevision", "web-a")), null))
                .isEqualTo(Readiness.ready());
    }

    @Test
    void aStatefulSetIsNotReadyBeforeItsControllerObservedTheLatestGeneration() {
        assertThat(judge(statefulSet(3, Map.of("observedGeneration", 1, "replicas", 3, "readyReplicas", 3,
                "updatedReplicas", 3)), null))
                .isInstanceOfSatisfying(Readiness.NotReady.class, r -> assertThat(r.reason()).contains("generation 2"));
    }

    @Test
    void aStatefulSetIsNotReadyWhileReplicasAreMissingOrSurplus() {
        assertThat(judge(statefulSet(3, Map.of("observedGeneration", 2, "replicas", 3, "readyReplicas", 1,
                "updatedReplicas", 3)), null))
                .isInstanceOfSatisfying(Readiness.NotReady.class, r -> assertThat(r.reason()).startsWith("1 of 3 replicas ready"));
        assertThat(judge(statefulSet(2, Map.of("observedGeneration", 2, "replicas", 5, "readyReplicas", 5,
                "updatedReplicas", 5)), null)).isInstanceOf(Readiness.NotReady.class);
    }

    @Test
    void aStatefulSetIsNotReadyWhileARollingUpdateIsUnderWayUnlessAPartitionHoldsItBack() {
        Map<String, Object> status = Map.of("observedGeneration", 2, "replicas", 3, "readyReplicas", 3, "updatedReplicas", 3,
                "currentRevision", "web-a", "updateRevision", "web-b");
        assertThat(judge(statefulSet(3, status), null))
                .isInstanceOfSatisfying(Readiness.NotReady.class, r -> assertThat(r.reason()).contains("web-b"));

        Map<String, Object> partitioned = statefulSet(3, status);
        spec(partitioned).put("updateStrategy", Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("partition", 1)));
        assertThat(judge(partitioned, null)).isEqualTo(Readiness.ready());

        Map<String, Object> onDelete = statefulSet(3, status);
        spec(onDelete).put("updateStrategy", Map.of("type", "OnDelete"));
        assertThat(judge(onDelete, null)).isEqualTo(Readiness.ready());
    }

    @Test
    void aDeploymentIsReadyWhenAvailableAndAllReplicasAreUpdated() {
        Map<String, Object> status = Map.of("observedGeneration", 1, "readyReplicas", 2, "updatedReplicas", 2,
                "conditions", List.of(Map.of("type", "Available", "status", "True")));
        assertThat(judge(deployment(2, status), null)).isEqualTo(Readiness.ready());

        Map<String, Object> rolling = new LinkedHashMap<>(status);
        rolling.put("updatedReplicas", 1);
        assertThat(judge(deployment(2, rolling), null)).isInstanceOf(Readiness.NotReady.class);
    }

    @Test
    void aDeploymentWithoutTheAvailableConditionIsNotReady() {
        assertThat(judge(deployment(1, Map.of("observedGeneration", 1, "updatedReplicas", 1,
                "conditions", List.of(Map.of("type", "Available", "status", "False")))), null))
                .isInstanceOf(Readiness.NotReady.class);
        assertThat(judge(deployment(1, Map.of("observedGeneration", 1)), null)).isInstanceOf(Readiness.NotReady.class);
    }

    @Test
    void aDeploymentPastItsProgressDeadlineFailed() {
        assertThat(judge(deployment(1, Map.of("observedGeneration", 1, "conditions", List.of(
                Map.of("type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded", "message", "too slow")))), null))
                .isInstanceOfSatisfying(Readiness.Failed.class, r -> assertThat(r.reason()).contains("too slow"));
    }

    @Test
    void aStatusPathHintJudgesByItsLists() {
        assertThat(judge(etcd("Running"), ETCD_PHASE)).isEqualTo(Readiness.ready());
        assertThat(judge(etcd("Creating"), ETCD_PHASE)).isEqualTo(new Readiness.NotReady("status.phase is Creating"));
        assertThat(judge(etcd("Failed"), ETCD_PHASE)).isEqualTo(new Readiness.Failed("status.phase is Failed"));
        assertThat(judge(etcd("Rebalancing"), ETCD_PHASE)).isInstanceOf(Readiness.Unknown.class);
        assertThat(judge(etcd(null), ETCD_PHASE)).isEqualTo(new Readiness.NotReady("status.phase is not set yet"));
    }

    @Test
    void aConditionHintIsReadyOnlyWhenTheConditionIsTrue() {
        HealthHint available = HealthHint.whenCondition("Available");
        Map<String, Object> cluster = etcd("Running");
        ((Map<String, Object>) cluster.get("status")).put("conditions",
                List.of(Map.of("type", "Available", "status", "False", "reason", "NoQuorum")));
        assertThat(judge(cluster, available))
                .isInstanceOfSatisfying(Readiness.NotReady.class, r -> assertThat(r.reason()).contains("NoQuorum"));
        ((Map<String, Object>) cluster.get("status")).put("conditions", List.of(Map.of("type", "Available", "status", "True")));
        assertThat(judge(cluster, available)).isEqualTo(Readiness.ready());
        assertThat(judge(etcd(null), available)).isInstanceOf(Readiness.NotReady.class);
    }

    @Test
    void objectsThatAreNotWorkloadsAreNotJudged() {
        assertThat(WorkloadReadiness.judge(TestObjects.configMap("settings"), null)).isEmpty();
        assertThat(WorkloadReadiness.judge(TestObjects.object("v1", "Service", "nginx", Map.of()), null)).isEmpty();
        assertThat(WorkloadReadiness.judge(etcd("Running"), null)).isEmpty();
    }

    private static Readiness judge(Map<String, Object> live, HealthHint hint) {
        Optional<Readiness> judged = WorkloadReadiness.judge(live, hint);
        assertThat(judged).isPresent();
        return judged.get();
    }

    private static Map<String, Object> statefulSet(int replicas, Map<String, Object> status) {
        Map<String, Object> object = TestObjects.object("apps/v1", "StatefulSet", "web",
                Map.of("spec", new LinkedHashMap<>(Map.of("replicas", replicas)), "status", status));
        ((Map<String, Object>) object.get("metadata")).put("generation", 2);
        return object;
    }

    private static Map<String, Object> deployment(int replicas, Map<String, Object> status) {
        Map<String, Object> object = TestObjects.object("apps/v1", "Deployment", "etcd-operator",
                Map.of("spec", new LinkedHashMap<>(Map.of("replicas", replicas)), "status", status));
        ((Map<String, Object>) object.get("metadata")).put("generation", 1);
        return object;
    }

    private static Map<String, Object> etcd(String phase) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (phase != null) {
            status.put("phase", phase);
        }
        return TestObjects.object("etcd.database.coreos.com/v1beta2", "EtcdCluster", "example",
                Map.of("spec", Map.of("size", 3), "status", status));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }
}
