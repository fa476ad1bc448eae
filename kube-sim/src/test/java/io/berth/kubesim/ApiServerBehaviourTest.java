package io.berth.kubesim;

import io.berth.kubesim.junit.SimulatedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import tools.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server rules kube-sim adds to fabric8's CRUD server, checked over HTTPS with the real client. */
@SimulatedClusters
class ApiServerBehaviourTest {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static KubeSim sim;
    private static SimulatedCluster cluster;
    private KubernetesClient client;



    @BeforeEach
    void connect() {
        client = cluster.outsideClient();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void answersVersionAndNodesOverVerifiedTls() {
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
        assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactly("sim-node-1", "sim-node-2", "sim-node-3");
    }

    @Test
    void refusesAWrongToken() {
        Config config = Config.fromKubeconfig(cluster.kubeconfig("not-the-token"));
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient wrong = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> wrong.namespaces().list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }

    @Test
    void setBasedSelectorsFilter() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("sel").endMetadata().build()).create();
        for (String tier : List.of("db", "cache", "web")) {
            client.configMaps().inNamespace("sel").resource(new ConfigMapBuilder().withNewMetadata().withName(tier)
                    .addToLabels("tier", tier).endMetadata().build()).create();
        }
        client.configMaps().inNamespace("sel").resource(new ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata().build()).create();

        assertThat(names(client.configMaps().inNamespace("sel").withLabelIn("tier", "db", "cache").list().getItems()))
                .containsExactlyInAnyOrder("db", "cache");
        assertThat(names(client.configMaps().inNamespace("sel").withLabelNotIn("tier", "db").list().getItems()))
                .containsExactlyInAnyOrder("cache", "web", "plain");
        assertThat(names(client.configMaps().inNamespace("sel").withLabel("tier").list().getItems()))
                .containsExactlyInAnyOrder("db", "cache", "web");
        assertThat(names(client.configMaps().inNamespace("sel").withoutLabel("tier").list().getItems()))
                .containsExactly("plain");
    }

    @Test
    void listsAreTypedAndSortedByNamespaceAndNameAsOnARealServer() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("sorted").endMetadata().build()).create();
        for (String name : List.of("charlie", "alpha", "bravo")) {
            client.configMaps().inNamespace("sorted").resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }

        JsonNode list = JSON.readTree(RawApi.of(cluster).get("/api/v1/namespaces/sorted/configmaps").body());

        assertThat(list.path("kind").asString()).isEqualTo("ConfigMapList");
        assertThat(list.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(list.path("items").valueStream().map(i -> i.path("metadata").path("name").asString()).toList())
                .containsExactly("alpha", "bravo", "charlie");
        assertThat(JSON.readTree(RawApi.of(cluster).get("/apis/apps/v1/statefulsets").body()).path("kind").asString())
                .isEqualTo("StatefulSetList");
    }

    @Test
    void plainUpdateOfAStatefulSetKeepsItsStatusAndStatusUpdateKeepsItsSpec() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("iso").endMetadata().build()).create();
        long generation = client.apps().statefulSets().inNamespace("iso").resource(statefulSet("iso-web", 3)).create()
                .getMetadata().getGeneration();

        // The simulated StatefulSet controller writes the status too, as on a real cluster; like any client
        // that PUTs, the test reads again and retries when its read went stale (409).
        retryingOnConflict(() -> {
            StatefulSet current = client.apps().statefulSets().inNamespace("iso").withName("iso-web").get();
            current.getSpec().setReplicas(7);
            current.setStatus(new StatefulSetStatusBuilder().withReplicas(3).withReadyReplicas(3).build());
            client.apps().statefulSets().inNamespace("iso").resource(current).updateStatus();
        });
        StatefulSet afterStatusUpdate = client.apps().statefulSets().inNamespace("iso").withName("iso-web").get();
        assertThat(afterStatusUpdate.getSpec().getReplicas()).isEqualTo(3);
        assertThat(afterStatusUpdate.getMetadata().getGeneration()).isEqualTo(generation);

        retryingOnConflict(() -> {
            StatefulSet current = client.apps().statefulSets().inNamespace("iso").withName("iso-web").get();
            current.getSpec().setReplicas(5);
            current.setStatus(new StatefulSetStatusBuilder().withReplicas(99).build());
            client.apps().statefulSets().inNamespace("iso").resource(current).update();
        });
        StatefulSet afterUpdate = client.apps().statefulSets().inNamespace("iso").withName("iso-web").get();
        assertThat(afterUpdate.getSpec().getReplicas()).isEqualTo(5);
        assertThat(afterUpdate.getMetadata().getGeneration()).isEqualTo(generation + 1);
        // 99 is a count no controller of five replicas ever writes: only the update could have put it there
        assertThat(afterUpdate.getStatus().getReplicas()).isNotEqualTo(99);
    }

    private static void retryingOnConflict(Runnable update) {
        for (int attempt = 1; ; attempt++) {
            try {
                update.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    void serverSideApplyCreatesThenMergesAndRecordsTheManager() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ssa").endMetadata().build()).create();
        var first = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("ssa").endMetadata()
                .addToData("a", "1").build();
        client.configMaps().inNamespace("ssa").resource(first).fieldManager("berth").forceConflicts().serverSideApply();
        var second = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("ssa")
                .addToLabels("app", "web").endMetadata().addToData("b", "2").build();
        client.configMaps().inNamespace("ssa").resource(second).fieldManager("berth").forceConflicts().serverSideApply();

        var stored = client.configMaps().inNamespace("ssa").withName("settings").get();
        assertThat(stored.getData()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(stored.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(stored.getMetadata().getManagedFields()).extracting(f -> f.getManager()).containsExactly("berth");
    }

    @Test
    void scaleSubresourceReadsAndWritesStatefulSetReplicas() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("scl").endMetadata().build()).create();
        client.apps().statefulSets().inNamespace("scl").resource(statefulSet("scl-web", 3)).create();

        assertThat(client.apps().statefulSets().inNamespace("scl").withName("scl-web").scale().getSpec().getReplicas()).isEqualTo(3);
        client.apps().statefulSets().inNamespace("scl").withName("scl-web").scale(5);

        assertThat(client.apps().statefulSets().inNamespace("scl").withName("scl-web").get().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void customResourcesNeedTheirCrdAndScaleThroughItsPaths() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crs").endMetadata().build()).create();
        ResourceDefinitionContext etcd = new ResourceDefinitionContext.Builder().withGroup("etcd.database.coreos.com")
                .withVersion("v1beta2").withPlural("etcdclusters").withKind("EtcdCluster").withNamespaced(true).build();
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("etcd.database.coreos.com/v1beta2");
        resource.setKind("EtcdCluster");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("example").withNamespace("crs").build());
        resource.setAdditionalProperty("spec", Map.of("size", 3, "version", "3.2.13"));

        assertThatThrownBy(() -> client.genericKubernetesResources(etcd).inNamespace("crs").resource(resource).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));

        client.apiextensions().v1().customResourceDefinitions().load(getClass().getResourceAsStream("/etcd-crd.yaml")).create();
        client.genericKubernetesResources(etcd).inNamespace("crs").resource(resource).create();
        client.genericKubernetesResources(etcd).inNamespace("crs").withName("example").scale(5);

        GenericKubernetesResource scaled = client.genericKubernetesResources(etcd).inNamespace("crs").withName("example").get();
        assertThat(((Map<?, ?>) scaled.getAdditionalProperties().get("spec")).get("size")).isEqualTo(5);
    }

    @Test
    void statusOfACustomResourceChangesThroughItsStatusSubresourceOnly() {
        // a cluster of its own: the other tests expect the CRD to be missing at first
        Config config = Config.fromKubeconfig(sim.startCluster("crd-status").kubeconfig());
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("crst").endMetadata().build()).create();
            client.apiextensions().v1().customResourceDefinitions().load(getClass().getResourceAsStream("/etcd-crd.yaml")).create();
            checkStatusIsolation(client);
        }
    }

    private static void checkStatusIsolation(KubernetesClient client) {
        ResourceDefinitionContext etcd = new ResourceDefinitionContext.Builder().withGroup("etcd.database.coreos.com")
                .withVersion("v1beta2").withPlural("etcdclusters").withKind("EtcdCluster").withNamespaced(true).build();
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("etcd.database.coreos.com/v1beta2");
        resource.setKind("EtcdCluster");
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("status-only").withNamespace("crst").build());
        resource.setAdditionalProperty("spec", Map.of("size", 3, "version", "3.2.13"));
        var etcdClusters = client.genericKubernetesResources(etcd).inNamespace("crst");
        etcdClusters.resource(resource).create();

        // the simulated etcd operator writes this status too, so each PUT reads again when its read went stale
        retryingOnConflict(() -> {
            GenericKubernetesResource current = etcdClusters.withName("status-only").get();
            current.setAdditionalProperty("spec", Map.of("size", 7, "version", "3.2.13"));
            current.setAdditionalProperty("status", Map.of("phase", "Creating"));
            etcdClusters.resource(current).updateStatus();
        });
        GenericKubernetesResource afterStatusUpdate = etcdClusters.withName("status-only").get();
        assertThat(((Map<?, ?>) afterStatusUpdate.getAdditionalProperties().get("spec")).get("size")).isEqualTo(3);

        retryingOnConflict(() -> {
            GenericKubernetesResource current = etcdClusters.withName("status-only").get();
            current.setAdditionalProperty("spec", Map.of("size", 5, "version", "3.2.13"));
            current.setAdditionalProperty("status", Map.of("phase", "Overwritten"));
            etcdClusters.resource(current).update();
        });
        GenericKubernetesResource after = etcdClusters.withName("status-only").get();
        assertThat(((Map<?, ?>) after.getAdditionalProperties().get("spec")).get("size")).isEqualTo(5);
        // no operator writes the phase "Overwritten": only the plain update could have put it there
        assertThat(((Map<?, ?>) after.getAdditionalProperties().get("status")).get("phase")).isNotEqualTo("Overwritten");
    }

    private static StatefulSet statefulSet(String name, int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }
}
