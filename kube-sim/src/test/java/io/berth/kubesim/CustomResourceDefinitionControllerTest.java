package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A created CRD becomes Established, as clients that install one expect before using it. */
@SimulatedClusters
class CustomResourceDefinitionControllerTest {

    @Test
    void aNewCrdBecomesEstablishedWithItsAcceptedNames(SimulatedCluster cluster) {
        try (KubernetesClient client = cluster.outsideClient()) {
            var crds = client.apiextensions().v1().customResourceDefinitions();
            // applied, not created: the tests of this class share the cluster and may run in any order
            crds.load(getClass().getResourceAsStream("/etcd-crd.yaml")).fieldManager("test").forceConflicts().serverSideApply();

            CustomResourceDefinition established = crds.withName("etcdclusters.etcd.database.coreos.com")
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")), 10, TimeUnit.SECONDS);

            assertThat(established.getStatus().getConditions()).extracting(CustomResourceDefinitionCondition::getType)
                    .containsExactly("NamesAccepted", "Established");
            assertThat(established.getStatus().getAcceptedNames().getKind()).isEqualTo("EtcdCluster");
            assertThat(established.getStatus().getStoredVersions()).containsExactly("v1beta2");
        }
    }

    @Test
    void reapplyingTheCrdKeepsItEstablished(SimulatedCluster cluster) {
        try (KubernetesClient client = cluster.outsideClient()) {
            var crds = client.apiextensions().v1().customResourceDefinitions();
            CustomResourceDefinition crd = crds.load(getClass().getResourceAsStream("/etcd-crd.yaml")).item();
            crds.resource(crd).fieldManager("test").forceConflicts().serverSideApply();
            await().atMost(Duration.ofSeconds(10)).until(() -> established(crds.withName(crd.getMetadata().getName()).get()));

            crds.resource(crd).fieldManager("test").forceConflicts().serverSideApply();

            assertThat(established(crds.withName(crd.getMetadata().getName()).get())).isTrue();
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
    }
}
