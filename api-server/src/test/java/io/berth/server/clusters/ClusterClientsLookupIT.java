package io.berth.server.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.testsupport.ApiTestBase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry's lookup of many clusters' clients at once, as the status tracker's refresh uses it: the
 * clients of the registered clusters, each the one already built until the cluster's credentials change.
 */
class ClusterClientsLookupIT extends ApiTestBase {

    @Autowired
    private ClusterRegistry registry;

    @Test
    void theClientsOfRegisteredClustersAreFoundTogetherAndKeptUntilTheirCredentialsChange() {
        String first = unique("lookup");
        String second = unique("lookup");
        register(first, CLUSTERS.answeringKubeconfig());
        register(second, CLUSTERS.answeringKubeconfig());

        Map<String, KubernetesClient> found = registry.clients(List.of(first, second, unique("never-registered")));
        assertThat(found).containsOnlyKeys(first, second);
        assertThat(registry.clients(List.of(first, second))).as("the clients already built")
                .containsEntry(first, found.get(first)).containsEntry(second, found.get(second));
        assertThat(found.get(first)).isSameAs(registry.client(first));

        assertThat(api.put("/api/v1/clusters/" + first + "/credentials", ADMIN_TOKEN,
                Map.of("kubeconfig", CLUSTERS.answeringKubeconfig("rotated-token-0123456789"))).status()).isEqualTo(200);
        Map<String, KubernetesClient> after = registry.clients(List.of(first, second));
        assertThat(after.get(first)).as("new credentials, new client").isNotSameAs(found.get(first));
        assertThat(after.get(second)).isSameAs(found.get(second));

        assertThat(api.delete("/api/v1/clusters/" + second, ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(registry.clients(List.of(first, second))).containsOnlyKeys(first);
        assertThat(registry.clients(List.of())).isEmpty();
    }
}
