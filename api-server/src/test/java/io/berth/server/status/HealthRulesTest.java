package io.berth.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.deploy.ObjectRef;
import io.berth.server.deploy.Readiness;
import io.berth.server.deploy.WorkloadObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static final ObjectRef WEB = new ObjectRef("apps/v1", "StatefulSet", "shop", "web");
    private static final ObjectRef ETCD = new ObjectRef("etcd.database.coreos.com/v1beta2", "EtcdCluster", "db", "etcd");

    @Test
    void readyWorkloadsAreHealthyWithoutAReason() {
        assertThat(HealthRules.judge(List.of(seen(WEB, new Readiness.Ready(), 3), seen(ETCD, new Readiness.Ready(), null))))
                .isEqualTo(new TargetHealth(Health.Healthy, null));
    }

    @Test
    void nothingToJudgeIsUnknownNeverHealthy() {
        assertThat(HealthRules.judge(List.of()).health()).isEqualTo(Health.Unknown);
        assertThat(HealthRules.judge(List.of(seen(ETCD, new Readiness.Unknown("status.phase is Rebalancing"), null))))
                .isEqualTo(new TargetHealth(Health.Unknown, "EtcdCluster/etcd: status.phase is Rebalancing"));
    }

    @Test
    void stuckPodsMakeANotReadyWorkloadDegraded() {
        WorkloadObservation crashing = new WorkloadObservation(WEB, false, new Readiness.NotReady("1 of 3 replicas ready"), 3,
                List.of("web-1: CrashLoopBackOff"));
        assertThat(HealthRules.judge(List.of(crashing)))
                .isEqualTo(new TargetHealth(Health.Degraded, "StatefulSet/web: web-1: CrashLoopBackOff"));
        assertThat(HealthRules.judge(List.of(seen(WEB, new Readiness.NotReady("1 of 3 replicas ready"), 3))).health())
                .isEqualTo(Health.Progressing);
    }

    @Test
    void theWorstWorkloadDecidesAndEveryUnhealthyOneIsNamed() {
        TargetHealth health = HealthRules.judge(List.of(
                seen(WEB, new Readiness.NotReady("rolling update"), 3),
                new WorkloadObservation(ETCD, true, null, null, List.of())));
        assertThat(health.health()).isEqualTo(Health.Missing);
        assertThat(health.reason()).isEqualTo("StatefulSet/web: rolling update; EtcdCluster/etcd: not found on the cluster");

        assertThat(HealthRules.judge(List.of(seen(WEB, new Readiness.Ready(), 3),
                seen(ETCD, new Readiness.Failed("status.phase is Failed"), null))).health()).isEqualTo(Health.Degraded);
    }

    @Test
    void zeroReplicasOnPurposeIsSuspended() {
        assertThat(HealthRules.judge(List.of(seen(WEB, new Readiness.Ready(), 0))))
                .isEqualTo(new TargetHealth(Health.Suspended, "StatefulSet/web: scaled to 0 replicas"));
    }

    @Test
    void worstOrdersFromDegradedToHealthy() {
        assertThat(Health.worst(List.of(Health.Healthy, Health.Progressing, Health.Stale))).isEqualTo(Health.Stale);
        assertThat(Health.worst(List.of(Health.Healthy, Health.Suspended))).isEqualTo(Health.Suspended);
        assertThat(Health.worst(List.of(Health.Missing, Health.Degraded))).isEqualTo(Health.Degraded);
        assertThat(Health.worst(List.of())).isEqualTo(Health.Unknown);
    }

    private static WorkloadObservation seen(ObjectRef ref, Readiness readiness, Integer replicas) {
        return new WorkloadObservation(ref, false, readiness, replicas, List.of());
    }
}
