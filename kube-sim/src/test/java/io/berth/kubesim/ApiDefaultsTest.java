package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The defaults a real API server writes into StatefulSets, Deployments and pods when the client leaves
 * them out, on create, apply, update and patch; a value the client gave is never replaced.
 */
@SimulatedClusters
class ApiDefaultsTest {

    private static KubernetesClient client;

    @BeforeAll
    static void connect(SimulatedCluster cluster) {
        client = cluster.outsideClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("defaults").endMetadata().build()).create();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aStatefulSetCreatedWithoutThemGetsTheApiDefaults() {
        StatefulSet created = client.apps().statefulSets().inNamespace("defaults").resource(bareStatefulSet("plain")).create();

        var spec = created.getSpec();
        assertThat(spec.getReplicas()).isEqualTo(1);
        assertThat(spec.getPodManagementPolicy()).isEqualTo("OrderedReady");
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(spec.getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        assertThat(spec.getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
        assertPodDefaults(spec.getTemplate().getSpec());
        assertThat(client.apps().statefulSets().inNamespace("defaults").withName("plain").get().getSpec())
                .as("stored, not only answered").isEqualTo(spec);
    }

    @Test
    void valuesTheClientGaveAreKept() {
        StatefulSet given = bareStatefulSet("given");
        given.getSpec().setReplicas(3);
        given.getSpec().setPodManagementPolicy("Parallel");
        given.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder().withType("OnDelete").build());
        given.getSpec().getTemplate().getSpec().getContainers().get(0).setImagePullPolicy("Never");

        var spec = client.apps().statefulSets().inNamespace("defaults").resource(given).create().getSpec();

        assertThat(spec.getReplicas()).isEqualTo(3);
        assertThat(spec.getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(spec.getUpdateStrategy().getRollingUpdate()).isNull();
        assertThat(spec.getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Never");
    }

    @Test
    void aDeploymentGetsItsStrategyAndLimitsEvenThroughServerSideApply() {
        Deployment applied = client.apps().deployments().inNamespace("defaults").resource(bareDeployment("applied"))
                .fieldManager("berth").forceConflicts().serverSideApply();

        var spec = applied.getSpec();
        assertThat(spec.getReplicas()).isEqualTo(1);
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertPodDefaults(spec.getTemplate().getSpec());
    }

    @Test
    void aFieldTakenAwayByAnUpdateOrAPatchIsDefaultedAgain() {
        client.apps().statefulSets().inNamespace("defaults").resource(bareStatefulSet("again")).create();

        StatefulSet current = client.apps().statefulSets().inNamespace("defaults").withName("again").get();
        current.getSpec().setRevisionHistoryLimit(null);
        current.getSpec().setUpdateStrategy(null);
        StatefulSet updated = client.apps().statefulSets().inNamespace("defaults").resource(current).update();
        assertThat(updated.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(updated.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");

        StatefulSet patched = client.apps().statefulSets().inNamespace("defaults").withName("again")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/spec/podManagementPolicy\"}]");
        assertThat(patched.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
    }

    @Test
    void containersPullLatestAndUntaggedImagesAlwaysAndOthersIfNotPresent() {
        Pod pod = client.pods().inNamespace("defaults").resource(new PodBuilder().withNewMetadata().withName("images").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("tagged").withImage("registry.example:5000/team/app:1.2").endContainer()
                .addNewContainer().withName("latest").withImage("nginx:latest").endContainer()
                .addNewContainer().withName("untagged").withImage("registry.example:5000/nginx").endContainer()
                .addNewContainer().withName("digest").withImage("nginx@sha256:" + "a".repeat(64)).endContainer()
                .endSpec().build()).create();

        assertThat(pod.getSpec().getContainers()).extracting(c -> c.getName() + "=" + c.getImagePullPolicy())
                .containsExactly("tagged=IfNotPresent", "latest=Always", "untagged=Always", "digest=IfNotPresent");
        assertPodDefaults(pod.getSpec());
    }

    private static void assertPodDefaults(PodSpec spec) {
        assertThat(spec.getRestartPolicy()).isEqualTo("Always");
        assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(spec.getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        for (Container container : spec.getContainers()) {
            assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
            assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
            assertThat(container.getImagePullPolicy()).isNotNull();
        }
    }

    private static StatefulSet bareStatefulSet(String name) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static Deployment bareDeployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("defaults").endMetadata()
                .withNewSpec()
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
