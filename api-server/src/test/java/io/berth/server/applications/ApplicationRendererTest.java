package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.HealthHint;
import io.berth.template.ScaleHint;
import io.berth.template.WorkloadHint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the replica count of a rendered object lives ({@link ApplicationRenderer#replicasPath}). */
class ApplicationRendererTest {

    private static final String ETCD = "etcd.database.coreos.com/v1beta2";
    private static final List<WorkloadHint> HINTS = List.of(
            new WorkloadHint(ETCD, "EtcdCluster", ScaleHint.atPath("spec.size"), null),
            new WorkloadHint("example.com/v1", "Cache", ScaleHint.viaSubresource(), null),
            new WorkloadHint("example.com/v1", "Watched", null, HealthHint.whenCondition("Ready")));

    @Test
    void statefulSetsAndDeploymentsScaleAtSpecReplicas() {
        assertThat(ApplicationRenderer.replicasPath("apps/v1", "StatefulSet", List.of())).isEqualTo("spec.replicas");
        assertThat(ApplicationRenderer.replicasPath("apps/v1", "Deployment", HINTS)).isEqualTo("spec.replicas");
    }

    @Test
    void aHintedCustomResourceScalesAtItsHintsPath() {
        assertThat(ApplicationRenderer.replicasPath(ETCD, "EtcdCluster", HINTS)).isEqualTo("spec.size");
    }

    @Test
    void aCustomResourceHintedWithTheScaleSubresourceOnlyScalesAtSpecReplicas() {
        assertThat(ApplicationRenderer.replicasPath("example.com/v1", "Cache", HINTS)).isEqualTo("spec.replicas");
    }

    @Test
    void unhintedCustomResourcesAndServicesAreNotScalable() {
        assertThat(ApplicationRenderer.replicasPath(ETCD, "EtcdCluster", List.of())).isNull();
        assertThat(ApplicationRenderer.replicasPath("example.com/v1", "Other", HINTS)).isNull();
        assertThat(ApplicationRenderer.replicasPath("v1", "Service", HINTS)).isNull();
        assertThat(ApplicationRenderer.replicasPath("v1", "ConfigMap", List.of())).isNull();
    }

    @Test
    void aHintWithHealthOnlyDoesNotMakeAKindScalable() {
        assertThat(ApplicationRenderer.replicasPath("example.com/v1", "Watched", HINTS)).isNull();
    }

    @Test
    void aHintMatchesOnlyItsOwnApiVersion() {
        assertThat(ApplicationRenderer.replicasPath("etcd.database.coreos.com/v1", "EtcdCluster", HINTS)).isNull();
        assertThat(ApplicationRenderer.replicasPath("apps/v1beta1", "StatefulSet", List.of())).isNull();
    }
}
