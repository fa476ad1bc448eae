package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The article's operator example, end to end: the etcd operator, then an EtcdCluster scaled from 3 to 5. */
class OperatorApplicationIT extends ApplicationTestBase {

    private static final ResourceDefinitionContext ETCD_CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withKind("EtcdCluster")
            .withPlural("etcdclusters").withNamespaced(true).build();

    @Test
    void etcdClusterIsDeployedScaledThroughSpecSizeAndHealsAfterAMemberDies() {
        String cluster = newCluster("etcd");
        String ns = "db";
        String operator = unique("etcd-operator");
        awaitSucceeded(deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(cluster, ns)), "wait", true)));
        KubernetesClient k8s = simulated(cluster).client();
        assertThat(k8s.apiextensions().v1().customResourceDefinitions()
                .withName("etcdclusters.etcd.database.coreos.com").get()).isNotNull();

        String etcd = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", etcd, "templateSet", "etcd-cluster", "version", "1.0.0",
                "targets", List.of(target(cluster, ns)), "wait", true)));
        assertThat(members(k8s, ns)).hasSize(3);

        JsonNode scale = awaitSucceeded(accepted(api.post(APPS + "/" + etcd + "/scale", ADMIN_TOKEN,
                Map.of("replicas", 5, "wait", true))));
        assertThat(scale.get("options").get("scale").get("replicasPath").asString()).isEqualTo("spec.size");
        GenericKubernetesResource resource = k8s.genericKubernetesResources(ETCD_CLUSTERS).inNamespace(ns)
                .withName("example-etcd-cluster").get();
        assertThat(((Map<?, ?>) resource.getAdditionalProperties().get("spec")).get("size")).isEqualTo(5);
        assertThat(members(k8s, ns)).hasSize(5);

        String victim = members(k8s, ns).get(0);
        simulated(cluster).faults().deletePod(ns, victim);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(members(k8s, ns)).hasSize(5).doesNotContain(victim);
            assertThat(k8s.pods().inNamespace(ns).withLabel("etcd_cluster", "example-etcd-cluster").list().getItems())
                    .allMatch(OperatorApplicationIT::ready);
        });

        // an upgrade of the values keeps the size that scale set
        awaitSucceeded(accepted(api.patch(APPS + "/" + etcd, ADMIN_TOKEN, Map.of("values", Map.of("version", "3.2.13"),
                "wait", true))));
        resource = k8s.genericKubernetesResources(ETCD_CLUSTERS).inNamespace(ns).withName("example-etcd-cluster").get();
        assertThat(((Map<?, ?>) resource.getAdditionalProperties().get("spec")).get("size")).isEqualTo(5);

        awaitSucceeded(accepted(api.delete(APPS + "/" + etcd, ADMIN_TOKEN)));
        assertThat(k8s.genericKubernetesResources(ETCD_CLUSTERS).inNamespace(ns).withName("example-etcd-cluster").get())
                .isNull();
        awaitSucceeded(accepted(api.delete(APPS + "/" + operator + "?purge=true", ADMIN_TOKEN)));
        assertThat(api.get(APPS + "/" + operator, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(k8s.apps().deployments().inNamespace(ns).withName("etcd-operator").get()).isNull();
    }

    @Test
    void scalingAWorkloadThatCannotBeScaledIs422() {
        String cluster = newCluster("etcd");
        String operator = unique("etcd-operator");
        awaitSucceeded(deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(cluster, "ops")))));
        var reply = api.post(APPS + "/" + operator + "/scale", ADMIN_TOKEN, Map.of("replicas", 2, "workload", "Service/etcd"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("workload");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("Deployment/etcd-operator");
        assertThat(api.get(APPS + "/" + operator + "/revisions", ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
    }

    private static List<String> members(KubernetesClient k8s, String ns) {
        return k8s.pods().inNamespace(ns).withLabel("etcd_cluster", "example-etcd-cluster").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
