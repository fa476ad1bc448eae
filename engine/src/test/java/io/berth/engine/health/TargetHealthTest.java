package io.berth.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetHealthTest {

    private static final ObjectRef WEB = new ObjectRef("apps/v1", "StatefulSet", "shop", "web");
    private static final ObjectRef ETCD = new ObjectRef("etcd.database.coreos.com/v1beta2", "EtcdCluster", "db", "etcd");

    @Test
    void healthyObjectsMakeAHealthyTargetWithoutAReason() {
        assertThat(TargetHealth.of(List.of(seen(WEB, Assessment.healthy()), seen(ETCD, Assessment.healthy()))))
                .isEqualTo(new TargetHealth(Health.Healthy, null));
    }

    @Test
    void nothingToJudgeIsUnknownNeverHealthy() {
        assertThat(TargetHealth.of(List.of()).health()).isEqualTo(Health.Unknown);
    }

    @Test
    void theWorstHealthWinsAndEveryUnhealthyObjectIsNamed() {
        TargetHealth target = TargetHealth.of(List.of(seen(WEB, Assessment.degraded("pod web-1: CrashLoopBackOff")),
                seen(ETCD, Assessment.progressing("status.phase is Creating"))));

        assertThat(target).isEqualTo(new TargetHealth(Health.Degraded,
                "StatefulSet/web: pod web-1: CrashLoopBackOff; EtcdCluster/etcd: status.phase is Creating"));
    }

    @Test
    void aMissingObjectIsWorseThanOneOnItsWay() {
        assertThat(TargetHealth.of(List.of(Observation.missing(WEB), seen(ETCD, Assessment.progressing("starting")))))
                .isEqualTo(new TargetHealth(Health.Missing, "StatefulSet/web: not found on the cluster; EtcdCluster/etcd: starting"));
    }

    private static Observation seen(ObjectRef ref, Assessment assessment) {
        return new Observation(ref, assessment, null);
    }
}
