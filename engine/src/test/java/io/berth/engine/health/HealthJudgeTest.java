package io.berth.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.TestObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one judge of health, one live object at a time. */
class HealthJudgeTest {

    private static final CustomHealthRule ETCD_PHASE = CustomHealthRule.byStatusPath("status.phase", List.of("Running"),
            List.of("Creating"), List.of("Failed"));

    @Test
    void aStatefulSetIsHealthyWhenAllReplicasAreReadyAndUpdatedAtTheObservedGeneration() {
        assertThat(judge(statefulSet(3, readyStatus(3)))).isEqualTo(Assessment.healthy());
    }

    @Test
    void aStatefulSetIsProgressingBeforeItsControllerObservedTheLatestGeneration() {
        Map<String, Object> status = new LinkedHashMap<>(readyStatus(3));
        status.put("observedGeneration", 1);
        assertThat(judge(statefulSet(3, status))).satisfies(progressing("generation 2 not observed yet"));
    }

    @Test
    void aStatefulSetIsProgressingWhileReplicasAreMissingOrSurplus() {
        Map<String, Object> status = new LinkedHashMap<>(readyStatus(3));
        status.put("readyReplicas", 1);
        assertThat(judge(statefulSet(3, status))).satisfies(progressing("1 of 3 replicas ready, 3 updated, 3 exist"));
        assertThat(judge(statefulSet(2, readyStatus(5))).health()).isEqualTo(Health.Progressing);
    }

    @Test
    void aStatefulSetIsProgressingWhileARollingUpdateIsUnderWayUnlessAPartitionHoldsItBack() {
        Map<String, Object> status = new LinkedHashMap<>(readyStatus(3));
        status.put("updateRevision", "web-b");
        assertThat(judge(statefulSet(3, status))).satisfies(progressing("rolling update to revision web-b"));

        Map<String, Object> partitioned = statefulSet(3, status);
        spec(partitioned).put("updateStrategy", Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("partition", 1)));
        assertThat(judge(partitioned)).isEqualTo(Assessment.healthy());

        Map<String, Object> onDelete = statefulSet(3, status);
        spec(onDelete).put("updateStrategy", Map.of("type", "OnDelete"));
        assertThat(judge(onDelete)).isEqualTo(Assessment.healthy());
    }

    @Test
    void aStatefulSetWithACrashLoopingPodIsDegradedNamingThePodItsReasonAndRestarts() {
        Map<String, Object> status = new LinkedHashMap<>(readyStatus(3));
        status.put("readyReplicas", 2);
        List<Map<String, Object>> pods = List.of(pod("web-0", running(true)), pod("web-1",
                waiting("CrashLoopBackOff", "back-off 40s restarting failed container=nginx", 4)));

        Assessment judged = HealthJudge.judge(new LiveObject(statefulSet(3, status), pods, null, null));

        assertThat(judged).isEqualTo(Assessment.degraded(
                "pod web-1: CrashLoopBackOff (back-off 40s restarting failed container=nginx), 4 restarts"));
    }

    @Test
    void aPodThatCannotPullItsImageMakesItsDeploymentDegraded() {
        Map<String, Object> deployment = deployment(1, Map.of("observedGeneration", 1, "replicas", 1, "updatedReplicas", 1,
                "conditions", List.of(Map.of("type", "Available", "status", "False"))));
        List<Map<String, Object>> pods = List.of(pod("api-7d9-x", waiting("ImagePullBackOff", null, 0)));

        assertThat(HealthJudge.judge(new LiveObject(deployment, pods, null, null)))
                .isEqualTo(Assessment.degraded("pod api-7d9-x: ImagePullBackOff"));
    }

    @Test
    void aWorkloadScaledToZeroIsSuspendedOnceItsReplicasAreGone() {
        Map<String, Object> status = new LinkedHashMap<>(readyStatus(0));
        assertThat(judge(statefulSet(0, status)).health()).isEqualTo(Health.Suspended);
        status.put("replicas", 1);
        assertThat(judge(statefulSet(0, status))).satisfies(progressing("scaling down to 0 replicas, 1 left"));
    }

    @Test
    void aWorkloadWithoutStatusIsProgressing() {
        Map<String, Object> object = TestObjects.object("apps/v1", "StatefulSet", "web",
                Map.of("spec", new LinkedHashMap<>(Map.of("replicas", 3))));
        assertThat(judge(object)).satisfies(progressing("no status yet"));
    }

    @Test
    void aWorkloadIsUnreadyByItselfOnlyWhenItsOwnStatusSaysProgressingAndNoRuleOfTheTemplateJudgesIt() {
        Map<String, Object> rollingOut = statefulSet(3, Map.of("observedGeneration", 2, "replicas", 2, "readyReplicas", 1,
                "updatedReplicas", 2));
        assertThat(HealthJudge.unreadyByItself(rollingOut, false)).isTrue();
        // whatever its pods say, it cannot be ready yet; with a rule of the template, the rule decides
        assertThat(HealthJudge.judge(new LiveObject(rollingOut, List.of(pod("web-0", running(true))), null, null)).health())
                .isEqualTo(Health.Progressing);
        assertThat(HealthJudge.unreadyByItself(rollingOut, true)).isFalse();
        // ready by its own status: only a read with its pods can tell Healthy from Degraded
        assertThat(HealthJudge.unreadyByItself(statefulSet(3, readyStatus(3)), false)).isFalse();
        // a Deployment past its deadline is Degraded on its own account, which is worth a look at once
        Map<String, Object> pastDeadline = deployment(2, Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded"))));
        assertThat(HealthJudge.unreadyByItself(pastDeadline, false)).isFalse();
        // kinds judged without pods are read whole by the watch: nothing to skip
        assertThat(HealthJudge.unreadyByItself(claim("Pending"), false)).isFalse();
    }

    @Test
    void aDeploymentIsHealthyWhenAvailableAndAllReplicasAreUpdated() {
        Map<String, Object> status = Map.of("observedGeneration", 1, "readyReplicas", 2, "updatedReplicas", 2, "replicas", 2,
                "conditions", List.of(Map.of("type", "Available", "status", "True")));
        assertThat(judge(deployment(2, status))).isEqualTo(Assessment.healthy());
    }

    @Test
    void aDeploymentPastItsProgressDeadlineIsDegraded() {
        Map<String, Object> status = Map.of("observedGeneration", 1, "conditions", List.of(Map.of("type", "Progressing",
                "status", "False", "reason", "ProgressDeadlineExceeded", "message", "ReplicaSet api-1 has timed out")));
        assertThat(judge(deployment(2, status)).health()).isEqualTo(Health.Degraded);
        assertThat(judge(deployment(2, status)).reason()).contains("ProgressDeadlineExceeded", "timed out");
    }

    @Test
    void claimsAreHealthyWhenBoundAndDegradedWhenTheirVolumeIsLost() {
        assertThat(judge(claim("Bound"))).isEqualTo(Assessment.healthy());
        assertThat(judge(claim("Pending"))).satisfies(progressing("claim is Pending"));
        assertThat(judge(claim("Lost")).health()).isEqualTo(Health.Degraded);
    }

    @Test
    void podsAreJudgedByPhaseReadinessAndStuckContainers() {
        assertThat(judge(pod("web-0", running(true)))).isEqualTo(Assessment.healthy());
        assertThat(judge(pod("web-0", running(false)))).satisfies(progressing("running but not ready"));
        assertThat(judge(pod("web-0", waiting("CrashLoopBackOff", null, 7))))
                .isEqualTo(Assessment.degraded("pod web-0: CrashLoopBackOff, 7 restarts"));
        assertThat(judge(pod("job-1", Map.of("phase", "Succeeded")))).isEqualTo(Assessment.healthy());
        assertThat(judge(pod("job-1", Map.of("phase", "Failed", "reason", "Evicted"))))
                .isEqualTo(Assessment.degraded("pod job-1 failed: Evicted"));
        assertThat(judge(pod("web-0", Map.of("phase", "Pending", "conditions", List.of(Map.of("type", "PodScheduled",
                "status", "False", "reason", "Unschedulable"))))))
                .satisfies(progressing("pod web-0 is Pending: Unschedulable"));
    }

    @Test
    void aCustomResourceIsJudgedByTheTemplatesRule() {
        assertThat(judgeWith(etcd("Running"), ETCD_PHASE)).isEqualTo(Assessment.healthy());
        assertThat(judgeWith(etcd("Creating"), ETCD_PHASE)).satisfies(progressing("status.phase is Creating"));
        assertThat(judgeWith(etcd("Failed"), ETCD_PHASE)).isEqualTo(Assessment.degraded("status.phase is Failed"));
        assertThat(judgeWith(etcd("Rebalancing"), ETCD_PHASE).health()).isEqualTo(Health.Unknown);
        assertThat(judgeWith(etcd(null), ETCD_PHASE)).satisfies(progressing("status.phase is not set yet"));
    }

    @Test
    void aRuleByConditionWantsItTrue() {
        CustomHealthRule available = CustomHealthRule.whenCondition("Available");
        Map<String, Object> cluster = etcd("Running");
        status(cluster).put("conditions", List.of(Map.of("type", "Available", "status", "False", "reason", "NoQuorum")));
        assertThat(judgeWith(cluster, available)).satisfies(progressing("Available is False: NoQuorum"));
        status(cluster).put("conditions", List.of(Map.of("type", "Available", "status", "True")));
        assertThat(judgeWith(cluster, available)).isEqualTo(Assessment.healthy());
        assertThat(judgeWith(etcd(null), available)).satisfies(progressing("no Available condition yet"));
    }

    @Test
    void aHealthyCustomResourceIsProgressingWhileItsScaleCountLagsAndSuspendedAtZero() {
        assertThat(HealthJudge.judge(new LiveObject(etcd("Running"), List.of(), new ReplicaCount(5, 3), ETCD_PHASE)))
                .satisfies(progressing("scaling: 3 of 5 replicas"));
        assertThat(HealthJudge.judge(new LiveObject(etcd("Running"), List.of(), new ReplicaCount(5, 5), ETCD_PHASE)))
                .isEqualTo(Assessment.healthy());
        assertThat(HealthJudge.judge(new LiveObject(etcd("Running"), List.of(), new ReplicaCount(0, 0), ETCD_PHASE)).health())
                .isEqualTo(Health.Suspended);
    }

    @Test
    void aRunningEtcdClusterReplacingAMemberIsProgressingUntilEveryMemberIsReady() {
        Map<String, Object> replacing = etcd("Running");
        status(replacing).put("size", 3);
        status(replacing).put("members", Map.of("ready", List.of("etcd-a", "etcd-b")));
        assertThat(HealthJudge.judge(new LiveObject(replacing, List.of(), new ReplicaCount(3, 3), ETCD_PHASE)))
                .satisfies(progressing("2 of 3 members ready"));

        Map<String, Object> joining = etcd("Running");
        status(joining).put("members", Map.of("ready", List.of("etcd-a", "etcd-b"), "unready", List.of("etcd-c")));
        assertThat(HealthJudge.judge(new LiveObject(joining, List.of(), new ReplicaCount(3, 3), ETCD_PHASE)))
                .satisfies(progressing("members not ready: etcd-c"));

        Map<String, Object> whole = etcd("Running");
        status(whole).put("members", Map.of("ready", List.of("etcd-a", "etcd-b", "etcd-c")));
        assertThat(HealthJudge.judge(new LiveObject(whole, List.of(), new ReplicaCount(3, 3), ETCD_PHASE)))
                .isEqualTo(Assessment.healthy());
    }

    @Test
    void aCustomResourceWithoutARuleIsJudgedByStandardConditions() {
        Map<String, Object> ready = etcd(null);
        status(ready).put("conditions", List.of(Map.of("type", "Ready", "status", "True")));
        assertThat(judge(ready)).isEqualTo(Assessment.healthy());

        Map<String, Object> stalled = etcd(null);
        status(stalled).put("conditions", List.of(Map.of("type", "Ready", "status", "False"),
                Map.of("type", "Stalled", "status", "True", "reason", "InvalidSpec")));
        assertThat(judge(stalled)).isEqualTo(Assessment.degraded("Stalled: InvalidSpec"));

        Map<String, Object> reconciling = etcd(null);
        status(reconciling).put("conditions", List.of(Map.of("type", "Reconciling", "status", "True")));
        assertThat(judge(reconciling).health()).isEqualTo(Health.Progressing);
    }

    @Test
    void aCustomResourceWithNoRuleAndNoConditionsIsUnknownNeverHealthy() {
        assertThat(judge(etcd("Running")))
                .isEqualTo(Assessment.unknown("no health rule for EtcdCluster in the template, and no Ready, Reconciling "
                        + "or Stalled condition"));
    }

    @Test
    void kindsWithoutHealthAreNotCountedButEveryCustomResourceIs() {
        assertThat(HealthJudge.carriesHealth("v1", "ConfigMap", false)).isFalse();
        assertThat(HealthJudge.carriesHealth("v1", "Service", false)).isFalse();
        assertThat(HealthJudge.carriesHealth("apiextensions.k8s.io/v1", "CustomResourceDefinition", false)).isFalse();
        assertThat(HealthJudge.carriesHealth("apps/v1", "StatefulSet", false)).isTrue();
        assertThat(HealthJudge.carriesHealth("v1", "PersistentVolumeClaim", false)).isTrue();
        assertThat(HealthJudge.carriesHealth("etcd.database.coreos.com/v1beta2", "EtcdCluster", false)).isTrue();
        assertThat(HealthJudge.carriesHealth("v1", "Service", true)).isTrue();
        assertThat(judge(TestObjects.configMap("settings")).health()).isEqualTo(Health.Unknown);
    }

    private static Assessment judge(Map<String, Object> live) {
        return HealthJudge.judge(LiveObject.of(live));
    }

    private static Assessment judgeWith(Map<String, Object> live, CustomHealthRule rule) {
        return HealthJudge.judge(new LiveObject(live, List.of(), null, rule));
    }

    private static java.util.function.Consumer<Assessment> progressing(String reasonPart) {
        return a -> {
            assertThat(a.health()).isEqualTo(Health.Progressing);
            assertThat(a.reason()).contains(reasonPart);
        };
    }

    private static Map<String, Object> readyStatus(int replicas) {
        return Map.of("observedGeneration", 2, "replicas", replicas, "readyReplicas", replicas, "updatedReplicas", replicas,
                "currentRevision", "web-a", "updateRevision", "web-a");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statefulSet(int replicas, Map<String, Object> status) {
        Map<String, Object> object = TestObjects.object("apps/v1", "StatefulSet", "web",
                Map.of("spec", new LinkedHashMap<>(Map.of("replicas", replicas)), "status", status));
        ((Map<String, Object>) object.get("metadata")).put("generation", 2);
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployment(int replicas, Map<String, Object> status) {
        Map<String, Object> object = TestObjects.object("apps/v1", "Deployment", "etcd-operator",
                Map.of("spec", new LinkedHashMap<>(Map.of("replicas", replicas)), "status", status));
        ((Map<String, Object>) object.get("metadata")).put("generation", 1);
        return object;
    }

    private static Map<String, Object> claim(String phase) {
        return TestObjects.object("v1", "PersistentVolumeClaim", "www-web-0", Map.of("status", Map.of("phase", phase)));
    }

    private static Map<String, Object> pod(String name, Map<String, Object> status) {
        return TestObjects.object("v1", "Pod", name, Map.of("status", status));
    }

    private static Map<String, Object> running(boolean ready) {
        return Map.of("phase", "Running", "conditions", List.of(Map.of("type", "Ready", "status", ready ? "True" : "False")));
    }

    private static Map<String, Object> waiting(String reason, String message, int restarts) {
        Map<String, Object> waiting = new LinkedHashMap<>(Map.of("reason", reason));
        if (message != null) {
            waiting.put("message", message);
        }
        return Map.of("phase", "Running", "containerStatuses", List.of(Map.of("name", "nginx", "ready", false,
                "restartCount", restarts, "state", Map.of("waiting", waiting))));
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(Map<String, Object> object) {
        return (Map<String, Object>) object.get("status");
    }
}
