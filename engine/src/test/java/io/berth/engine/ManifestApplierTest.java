package io.berth.engine;

import static io.berth.engine.TestObjects.configMap;
import static io.berth.engine.TestObjects.crd;
import static io.berth.engine.TestObjects.custom;
import static io.berth.engine.TestObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Applying rendered templates to a simulated cluster, as Berth does through the cluster's kubeconfig. */
class ManifestApplierTest extends OnSimulatedCluster {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));

    @Test
    void appliesNginxWebWithBerthsStampsAndItsPodsBecomeReady() {
        List<ObjectRef> applied = applier.apply(berth, "web1", true, Seeds.render(Seeds.NGINX_WEB, "shop", "web1", Map.of()),
                Seeds.stamp("shop", Seeds.NGINX_WEB, 1));

        assertThat(applied).containsExactly(new ObjectRef("v1", "Service", "web1", "nginx"),
                new ObjectRef("apps/v1", "StatefulSet", "web1", "web"));
        StatefulSet web = cluster.client().apps().statefulSets().inNamespace("web1").withName("web").get();
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "berth")
                .containsEntry("berth.io/application", "shop");
        assertThat(web.getMetadata().getAnnotations()).containsEntry("berth.io/revision", "1")
                .containsEntry("berth.io/template", "nginx-web@1.0.0")
                .containsEntry("berth.io/digest", Seeds.stamp("shop", Seeds.NGINX_WEB, 1).digest());
        assertThat(web.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains("berth");
        // the pods carry the application's two constant labels, so that Berth can watch them by label
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).containsOnlyKeys("app",
                "app.kubernetes.io/managed-by", "berth.io/application").containsEntry("berth.io/application", "shop");
        await().atMost(WAIT).until(() -> cluster.client().pods().inNamespace("web1")
                .withLabel("app.kubernetes.io/managed-by", "berth").withLabel("berth.io/application", "shop").list().getItems().size() == 3);
        Service nginx = cluster.client().services().inNamespace("web1").withName("nginx").get();
        assertThat(nginx.getMetadata().getLabels()).containsEntry("app", "nginx").containsEntry("berth.io/application", "shop");
        assertThat(cluster.client().namespaces().withName("web1").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "berth");
        await().atMost(WAIT).until(() -> readyPods("web1"), pods -> pods.equals(List.of("web-0", "web-1", "web-2")));
    }

    @Test
    void reapplyingTheSameRevisionIsIdempotent() {
        List<Map<String, Object>> objects = Seeds.render(Seeds.NGINX_WEB, "again", "again", Map.of("replicas", 1));
        applier.apply(berth, "again", true, objects, Seeds.stamp("again", Seeds.NGINX_WEB, 1));
        long generation = cluster.client().apps().statefulSets().inNamespace("again").withName("web").get().getMetadata().getGeneration();

        List<ObjectRef> second = applier.apply(berth, "again", true, objects, Seeds.stamp("again", Seeds.NGINX_WEB, 1));

        assertThat(second).hasSize(2);
        assertThat(cluster.client().apps().statefulSets().inNamespace("again").withName("web").get().getMetadata().getGeneration())
                .isEqualTo(generation);
    }

    @Test
    void aNewRevisionChangesNoPodTemplateByItsStamps() {
        List<Map<String, Object>> objects = Seeds.render(Seeds.NGINX_WEB, "revised", "revised", Map.of("replicas", 1));
        applier.apply(berth, "revised", true, objects, Seeds.stamp("revised", Seeds.NGINX_WEB, 1));
        var before = cluster.client().apps().statefulSets().inNamespace("revised").withName("web").get().getSpec().getTemplate();

        applier.apply(berth, "revised", true, objects, Seeds.stamp("revised", Seeds.NGINX_WEB, 2));

        var web = cluster.client().apps().statefulSets().inNamespace("revised").withName("web").get();
        assertThat(web.getMetadata().getAnnotations()).containsEntry("berth.io/revision", "2");
        assertThat(web.getSpec().getTemplate()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPodTemplateKeepsTheManagedByLabelItsSelectorNames() {
        Map<String, Object> labels = Map.of("app", "api", "app.kubernetes.io/managed-by", "Helm");
        Map<String, Object> deployment = object("apps/v1", "Deployment", "api", Map.of("spec", Map.of(
                "selector", Map.of("matchLabels", labels),
                "template", Map.of("metadata", Map.of("labels", labels),
                        "spec", Map.of("containers", List.of(Map.of("name", "api", "image", "nginx:1.27")))))));

        applier.apply(berth, "helmish", true, List.of(deployment), Seeds.stamp("helmish", "hand-made", 1));

        var template = cluster.client().apps().deployments().inNamespace("helmish").withName("api").get().getSpec().getTemplate();
        assertThat(template.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("berth.io/application", "helmish");
    }

    @Test
    void namespacedObjectsGetTheTargetNamespaceAndClusterScopedOnesNone() {
        Map<String, Object> clusterRole = object("rbac.authorization.k8s.io/v1", "ClusterRole", "scoped-reader",
                Map.of("rules", List.of()));
        ((Map<String, Object>) clusterRole.get("metadata")).put("namespace", "somewhere");
        List<Map<String, Object>> objects = List.of(configMap("settings"), clusterRole,
                crd("planets", "Planet", "Cluster", false), custom("Planet", "mars", 1));

        List<ObjectRef> applied = applier.apply(berth, "scoped", true, objects, Seeds.stamp("scoped", "hand-made", 1));

        assertThat(applied).extracting(ObjectRef::namespace).containsExactly("scoped", null, null, null);
        assertThat(cluster.client().configMaps().inNamespace("scoped").withName("settings").get()).isNotNull();
        assertThat(cluster.client().rbac().clusterRoles().withName("scoped-reader").get().getMetadata().getNamespace()).isNull();
        GenericKubernetesResource mars = cluster.client().genericKubernetesResources("test.berth.io/v1", "Planet").withName("mars").get();
        assertThat(mars.getMetadata().getNamespace()).isNull();
        assertThat(mars.getMetadata().getLabels()).containsEntry("berth.io/application", "scoped");
    }

    @Test
    void failsClearlyWhenTheNamespaceIsMissingAndMayNotBeCreated() {
        assertThatThrownBy(() -> applier.apply(berth, "absent", false, List.of(configMap("settings")),
                Seeds.stamp("absent", "hand-made", 1)))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("Namespace/absent does not exist");
        assertThat(cluster.client().configMaps().inNamespace("absent").list().getItems()).isEmpty();
    }

    @Test
    void appliesTheOperatorsCrdWaitsUntilEstablishedThenItsCustomResourceInOneCall() {
        List<Map<String, Object>> objects = new ArrayList<>(Seeds.render(Seeds.ETCD_OPERATOR, "etcd", "etcd", Map.of()));
        objects.addAll(Seeds.render(Seeds.ETCD_CLUSTER, "etcd", "etcd", Map.of()));

        List<ObjectRef> applied = applier.apply(berth, "etcd", true, objects, Seeds.stamp("etcd", "etcd", 1));

        assertThat(applied).extracting(ObjectRef::describe).containsExactly(
                "CustomResourceDefinition/etcdclusters.etcd.database.coreos.com", "ServiceAccount/etcd-operator",
                "ClusterRole/etcd-operator-etcd", "ClusterRoleBinding/etcd-operator-etcd", "Deployment/etcd-operator",
                "EtcdCluster/example-etcd-cluster");
        assertThat(applied.get(0).namespace()).isNull();
        assertThat(applied.get(5).namespace()).isEqualTo("etcd");
        assertThat(ManifestApplier.established(cluster.client().apiextensions().v1().customResourceDefinitions()
                .withName("etcdclusters.etcd.database.coreos.com").get())).isTrue();
        await().atMost(WAIT).until(() -> cluster.client().pods().inNamespace("etcd").withLabel("etcd_cluster", "example-etcd-cluster")
                .list().getItems().size() == 3);
    }

    @Test
    void anObjectOfAKindTheClusterDoesNotServeFailsNamingIt() {
        List<Map<String, Object>> objects = List.of(configMap("before"), object("gadgets.example.com/v1", "Gadget", "thing", Map.of()),
                configMap("after"));

        assertThatThrownBy(() -> applier.apply(berth, "rejected", true, objects, Seeds.stamp("rejected", "hand-made", 1)))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("Gadget/thing")
                .hasMessageContaining("does not serve kind Gadget");
        assertThat(cluster.client().configMaps().inNamespace("rejected").withName("before").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace("rejected").withName("after").get()).isNull();
    }

    @Test
    void anUnreachableClusterFailsWithoutShowingTheToken() {
        String token = token(cluster.kubeconfig());
        cluster.faults().unreachable();

        assertThatThrownBy(() -> applier.apply(berth, "unreachable", true, List.of(configMap("settings")),
                Seeds.stamp("unreachable", "hand-made", 1)))
                .isInstanceOf(ApplyException.class)
                .hasMessageStartingWith("Namespace/unreachable")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(token));
    }

    private List<String> readyPods(String namespace) {
        return cluster.client().pods().inNamespace(namespace).list().getItems().stream()
                .filter(ManifestApplierTest::ready).map(p -> p.getMetadata().getName()).sorted().toList();
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    static String token(String kubeconfig) {
        Matcher matcher = Pattern.compile("token: (\\S+)").matcher(kubeconfig);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** The messages of the whole cause chain, as a log line with a stack trace would show them. */
    static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
