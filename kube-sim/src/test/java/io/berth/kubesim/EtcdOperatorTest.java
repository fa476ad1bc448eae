package io.berth.kubesim;

import io.berth.kubesim.junit.SimulatedClusters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The simulated etcd operator, driven as in the etcd-operator article: an EtcdCluster
 * {@code example-etcd-cluster} of size 3 and version 3.2.13, scaled, shrunk, upgraded, hurt and deleted,
 * all through the API server with the kubeconfig Berth would use.
 */
@SimulatedClusters
class EtcdOperatorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration SAMPLE = Duration.ofMillis(20);
    private static final ResourceDefinitionContext ETCD = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdclusters")
            .withKind("EtcdCluster").withNamespaced(true).build();

    private static SimulatedCluster cluster;
    private KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void startCluster() {
        try (KubernetesClient admin = connect(cluster)) {
            admin.apiextensions().v1().customResourceDefinitions().load(EtcdOperatorTest.class.getResourceAsStream("/etcd-crd.yaml")).create();
        }
    }


    @BeforeEach
    void connect(TestInfo test) {
        client = connect(cluster);
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        namespace = method.substring(0, Math.min(30, method.length()));
        createNamespace(client, namespace);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void createsTheArticlesClusterAndReportsItRunning() {
        GenericKubernetesResource created = create(client, namespace, "example-etcd-cluster", 3, "3.2.13");

        List<String> phases = new ArrayList<>();
        AtomicInteger mostUnready = new AtomicInteger();
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<Pod> members = members(client, namespace, "example-etcd-cluster");
            mostUnready.accumulateAndGet(members.size() - ready(members).size(), Math::max);
            Object phase = status(client, namespace, "example-etcd-cluster").get("phase");
            if (phase != null && (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase))) {
                phases.add(phase.toString());
            }
            return ready(members).size() == 3 && "Running".equals(phase)
                    && Integer.valueOf(3).equals(status(client, namespace, "example-etcd-cluster").get("size"));
        });
        assertThat(mostUnready.get()).as("members are added one at a time").isLessThanOrEqualTo(1);
        assertThat(List.of("Creating", "Running")).containsSubsequence(phases);

        List<Pod> members = members(client, namespace, "example-etcd-cluster");
        assertThat(members).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).matches("example-etcd-cluster-[a-z0-9]{8}");
            assertThat(pod.getMetadata().getLabels()).containsEntry("app", "etcd").containsEntry("etcd_cluster", "example-etcd-cluster");
            OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getApiVersion()).isEqualTo("etcd.database.coreos.com/v1beta2");
            assertThat(owner.getKind()).isEqualTo("EtcdCluster");
            assertThat(owner.getName()).isEqualTo("example-etcd-cluster");
            assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
            assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
                assertThat(c.getName()).isEqualTo("etcd");
                assertThat(c.getImage()).isEqualTo("quay.io/coreos/etcd:v3.2.13");
            });
        });

        Map<String, Object> status = status(client, namespace, "example-etcd-cluster");
        assertThat(status).containsEntry("phase", "Running").containsEntry("size", 3).containsEntry("currentVersion", "3.2.13")
                .containsEntry("targetVersion", "");
        assertThat(memberNames(status, "ready")).containsExactlyElementsOf(names(members).stream().sorted().toList());
        assertThat(memberNames(status, "unready")).isEmpty();
        assertThat(condition(status, "Available")).containsEntry("status", "True").containsEntry("reason", "Cluster available");
        assertThat(condition(status, "Scaling")).isNull();
    }

    @Test
    void growsAndShrinksOneMemberAtATimeWhenSpecSizeChanges() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);
        Set<String> original = new HashSet<>(names(members(client, namespace, "example-etcd-cluster")));

        setSpec("example-etcd-cluster", "size", 5);

        AtomicInteger mostUnready = new AtomicInteger();
        AtomicInteger mostMembers = new AtomicInteger();
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<Pod> members = members(client, namespace, "example-etcd-cluster");
            mostUnready.accumulateAndGet(members.size() - ready(members).size(), Math::max);
            mostMembers.accumulateAndGet(members.size(), Math::max);
            return ready(members).size() == 5 && Integer.valueOf(5).equals(status(client, namespace, "example-etcd-cluster").get("size"))
                    && memberNames(status(client, namespace, "example-etcd-cluster"), "ready").size() == 5;
        });
        assertThat(mostUnready.get()).as("never more than one member unready").isLessThanOrEqualTo(1);
        assertThat(mostMembers.get()).isEqualTo(5);
        assertThat(names(members(client, namespace, "example-etcd-cluster"))).containsAll(original);

        Set<String> five = new HashSet<>(names(members(client, namespace, "example-etcd-cluster")));
        setSpec("example-etcd-cluster", "size", 3);

        Set<Integer> sizesSeen = new HashSet<>();
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<Pod> members = members(client, namespace, "example-etcd-cluster");
            sizesSeen.add(members.size());
            assertThat(five).containsAll(names(members));
            Map<String, Object> status = status(client, namespace, "example-etcd-cluster");
            return members.size() == 3 && Integer.valueOf(3).equals(status.get("size")) && condition(status, "Scaling") == null;
        });
        assertThat(sizesSeen).as("members removed one at a time, never below the new size").contains(4, 3).doesNotContain(2, 1, 0);
        assertThat(status(client, namespace, "example-etcd-cluster")).containsEntry("phase", "Running");
    }

    @Test
    void growsThroughTheScaleSubresource() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);

        client.genericKubernetesResources(ETCD).inNamespace(namespace).withName("example-etcd-cluster").scale(5);

        AtomicInteger mostUnready = new AtomicInteger();
        List<String> scalingMessages = new ArrayList<>();
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<Pod> members = members(client, namespace, "example-etcd-cluster");
            mostUnready.accumulateAndGet(members.size() - ready(members).size(), Math::max);
            Map<String, Object> status = status(client, namespace, "example-etcd-cluster");
            Map<String, Object> scaling = condition(status, "Scaling");
            if (scaling != null && !scalingMessages.contains(scaling.get("message").toString())) {
                scalingMessages.add(scaling.get("message").toString());
            }
            return ready(members).size() == 5 && Integer.valueOf(5).equals(status.get("size")) && scaling == null;
        });
        assertThat(mostUnready.get()).isLessThanOrEqualTo(1);
        assertThat(scalingMessages).allMatch(m -> m.matches("Current cluster size: [34], desired cluster size: 5"));
        assertThat(client.genericKubernetesResources(ETCD).inNamespace(namespace).withName("example-etcd-cluster").scale()
                .getStatus().getReplicas()).isEqualTo(5);
    }

    @Test
    void replacesADeletedMemberWithANewName() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);
        List<String> before = names(members(client, namespace, "example-etcd-cluster"));
        String victim = before.get(1);

        client.pods().inNamespace(namespace).withName(victim).delete();

        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<String> now = names(ready(members(client, namespace, "example-etcd-cluster")));
            Map<String, Object> status = status(client, namespace, "example-etcd-cluster");
            return now.size() == 3 && !now.contains(victim) && Integer.valueOf(3).equals(status.get("size"))
                    && memberNames(status, "ready").equals(now.stream().sorted().toList());
        });
        List<String> after = names(members(client, namespace, "example-etcd-cluster"));
        assertThat(after).containsAll(before.stream().filter(n -> !n.equals(victim)).toList());
        assertThat(after).filteredOn(n -> !before.contains(n)).singleElement().asString().matches("example-etcd-cluster-[a-z0-9]{8}");
        assertThat(status(client, namespace, "example-etcd-cluster")).containsEntry("phase", "Running");
    }

    @Test
    void aDeadMemberLeavesTheClusterNotFullyReadyUntilItIsReplaced() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);
        List<String> before = names(members(client, namespace, "example-etcd-cluster"));
        String victim = before.get(1);
        List<String> statuses = new CopyOnWriteArrayList<>();
        Watch watch = client.genericKubernetesResources(ETCD).inNamespace(namespace).withName("example-etcd-cluster")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource resource) {
                        Map<String, Object> status = statusOf(resource);
                        String seen = status.get("phase") + " size=" + status.get("size") + " ready=" + memberNames(status, "ready").size()
                                + " unready=" + memberNames(status, "unready").size()
                                + (memberNames(status, "ready").contains(victim) ? " victim-ready" : "");
                        if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(seen)) {
                            statuses.add(seen);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        try {
            client.pods().inNamespace(namespace).withName(victim).delete();

            await().atMost(WAIT).pollInterval(SAMPLE).until(() -> statuses.size() > 1
                    && statuses.get(statuses.size() - 1).equals("Running size=3 ready=3 unready=0"));
        } finally {
            watch.close();
        }
        assertThat(statuses).as("the dead member counts until it is removed, then a new one joins").containsSubsequence(
                "Running size=3 ready=3 unready=0 victim-ready",
                "Running size=3 ready=2 unready=0",
                "Running size=2 ready=2 unready=0",
                "Running size=3 ready=2 unready=1",
                "Running size=3 ready=3 unready=0");
        List<String> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "EtcdCluster".equals(e.getInvolvedObject().getKind()))
                .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
        String replacement = names(members(client, namespace, "example-etcd-cluster")).stream()
                .filter(n -> !before.contains(n)).findFirst().orElseThrow();
        assertThat(events).filteredOn(e -> e.startsWith("New Member Added")).hasSize(4);
        assertThat(events).containsSubsequence(
                "Replacing Dead Member: The dead member " + victim + " is being replaced",
                "Member Removed: Existing member " + victim + " removed from the cluster",
                "New Member Added: New member " + replacement + " added to cluster");
    }

    @Test
    void upgradesMembersOneByOneWhenTheVersionChanges() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);
        Set<String> before = new HashSet<>(names(members(client, namespace, "example-etcd-cluster")));

        setSpec("example-etcd-cluster", "version", "3.3.25");

        AtomicInteger mostUnready = new AtomicInteger();
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        Set<Object> targets = new HashSet<>();
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            List<Pod> members = members(client, namespace, "example-etcd-cluster");
            mostUnready.accumulateAndGet(members.size() - ready(members).size(), Math::max);
            fewest.accumulateAndGet(ready(members).size(), Math::min);
            Map<String, Object> status = status(client, namespace, "example-etcd-cluster");
            targets.add(status.get("targetVersion"));
            return ready(members).size() == 3 && members.size() == 3
                    && members.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("quay.io/coreos/etcd:v3.3.25"))
                    && "3.3.25".equals(status.get("currentVersion")) && condition(status, "Upgrading") == null;
        });
        assertThat(mostUnready.get()).isLessThanOrEqualTo(1);
        assertThat(fewest.get()).as("one member at a time").isGreaterThanOrEqualTo(2);
        assertThat(names(members(client, namespace, "example-etcd-cluster"))).doesNotContainAnyElementsOf(before);
        assertThat(status(client, namespace, "example-etcd-cluster")).containsEntry("targetVersion", "").containsEntry("phase", "Running");
    }

    @Test
    void anInvalidSpecFailsUntilItIsFixed() {
        create(client, namespace, "bad-version", 3, "latest");
        create(client, namespace, "no-members", 0, "3.2.13");

        await().atMost(WAIT).until(() -> "Failed".equals(status(client, namespace, "bad-version").get("phase"))
                && "Failed".equals(status(client, namespace, "no-members").get("phase")));
        assertThat(status(client, namespace, "bad-version").get("reason").toString()).contains("spec.version");
        assertThat(status(client, namespace, "no-members").get("reason").toString()).contains("spec.size");
        assertThat(members(client, namespace, "bad-version")).isEmpty();

        setSpec("bad-version", "version", "3.2.13");

        awaitRunning("bad-version", 3);
        assertThat(status(client, namespace, "bad-version")).containsEntry("reason", "");
    }

    @Test
    void deletingTheEtcdClusterDeletesItsMembers() {
        create(client, namespace, "example-etcd-cluster", 3, "3.2.13");
        awaitRunning("example-etcd-cluster", 3);

        client.genericKubernetesResources(ETCD).inNamespace(namespace).withName("example-etcd-cluster").delete();

        await().atMost(WAIT).until(() -> members(client, namespace, "example-etcd-cluster").isEmpty());
    }

    @Test
    void aPausedClusterIsLeftAloneUntilControlResumes() {
        GenericKubernetesResource paused = new GenericKubernetesResource();
        paused.setApiVersion("etcd.database.coreos.com/v1beta2");
        paused.setKind("EtcdCluster");
        paused.setMetadata(new ObjectMetaBuilder().withName("example-etcd-cluster").withNamespace(namespace).build());
        paused.setAdditionalProperty("spec", Map.of("size", 3, "version", "3.2.13", "paused", true));
        client.genericKubernetesResources(ETCD).inNamespace(namespace).resource(paused).create();

        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(status(client, namespace, "example-etcd-cluster").get("controlPaused")));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> members(client, namespace, "example-etcd-cluster").isEmpty());

        setSpec("example-etcd-cluster", "paused", false);

        awaitRunning("example-etcd-cluster", 3);
        assertThat(status(client, namespace, "example-etcd-cluster")).containsEntry("controlPaused", false);
    }

    @Test
    void anEtcdClusterMadeAgainUnderTheSameNameStartsEmpty() {
        create(client, namespace, "example-etcd-cluster", 1, "3.2.13");
        cluster.etcdData().put(namespace, "example-etcd-cluster", "/orders/1", "paid");
        awaitRunning("example-etcd-cluster", 1);
        assertThat(cluster.etcdData().snapshot(namespace, "example-etcd-cluster").keys()).containsOnlyKeys("/orders/1");

        client.genericKubernetesResources(ETCD).inNamespace(namespace).withName("example-etcd-cluster").delete();
        create(client, namespace, "example-etcd-cluster", 1, "3.2.13");

        await().atMost(WAIT).until(() -> cluster.etcdData().snapshot(namespace, "example-etcd-cluster").revision() == 0);
        awaitRunning("example-etcd-cluster", 1);
        assertThat(cluster.etcdData().snapshot(namespace, "example-etcd-cluster").keys()).isEmpty();
    }

    @Test
    void withoutTheCrdAnEtcdClusterCannotBeCreatedAndNothingHappens() {
        try (KubeSim bare = KubeSim.withDefaults(); KubernetesClient other = connect(bare.startCluster())) {
            createNamespace(other, "no-crd");

            assertThatThrownBy(() -> create(other, "no-crd", "example-etcd-cluster", 3, "3.2.13"))
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> other.pods().inNamespace("no-crd").list().getItems().isEmpty());
        }
    }

    @Test
    void whenTheOperatorNeedsItsDeploymentNothingHappensUntilItIsReady() {
        SimulatorSettings settings = SimulatorSettings.defaults().withEtcdOperatorNeedsDeployment(true);
        try (KubeSim withOperator = new KubeSim(settings); KubernetesClient other = connect(withOperator.startCluster())) {
            other.apiextensions().v1().customResourceDefinitions().load(getClass().getResourceAsStream("/etcd-crd.yaml")).create();
            createNamespace(other, "etcd");
            create(other, "etcd", "example-etcd-cluster", 3, "3.2.13");

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> members(other, "etcd", "example-etcd-cluster").isEmpty()
                            && status(other, "etcd", "example-etcd-cluster").isEmpty());

            // an operator Deployment that never gets ready changes nothing either
            other.apps().deployments().inNamespace("etcd").resource(operatorDeployment("quay.io/coreos/etcd-operator:crashloop")).create();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> members(other, "etcd", "example-etcd-cluster").isEmpty());

            other.apps().deployments().inNamespace("etcd").withName("etcd-operator").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("quay.io/coreos/etcd-operator:v0.9.4");
                return d;
            });

            await().atMost(WAIT).until(() -> ready(members(other, "etcd", "example-etcd-cluster")).size() == 3
                    && "Running".equals(status(other, "etcd", "example-etcd-cluster").get("phase")));
        }
    }

    private void awaitRunning(String name, int size) {
        await().atMost(WAIT).pollInterval(SAMPLE).until(() -> {
            Map<String, Object> status = status(client, namespace, name);
            return ready(members(client, namespace, name)).size() == size && "Running".equals(status.get("phase"))
                    && Integer.valueOf(size).equals(status.get("size")) && memberNames(status, "ready").size() == size;
        });
    }

    private void setSpec(String name, String field, Object value) {
        client.genericKubernetesResources(ETCD).inNamespace(namespace).withName(name).edit(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.getAdditionalProperties().get("spec"));
            spec.put(field, value);
            r.setAdditionalProperty("spec", spec);
            return r;
        });
    }

    private static GenericKubernetesResource create(KubernetesClient client, String namespace, String name, int size, String version) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("etcd.database.coreos.com/v1beta2");
        resource.setKind("EtcdCluster");
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", Map.of("size", size, "version", version));
        return client.genericKubernetesResources(ETCD).inNamespace(namespace).resource(resource).create();
    }

    private static Map<String, Object> status(KubernetesClient client, String namespace, String name) {
        return statusOf(client.genericKubernetesResources(ETCD).inNamespace(namespace).withName(name).get());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(GenericKubernetesResource resource) {
        Object status = resource == null ? null : resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> memberNames(Map<String, Object> status, String which) {
        Object members = status.get("members");
        Object names = members instanceof Map<?, ?> map ? map.get(which) : null;
        return names instanceof List<?> list ? (List<String>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> status, String type) {
        Object conditions = status.get("conditions");
        if (conditions instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && type.equals(map.get("type"))) {
                    return (Map<String, Object>) map;
                }
            }
        }
        return null;
    }

    private static List<Pod> members(KubernetesClient client, String namespace, String cluster) {
        return client.pods().inNamespace(namespace).withLabel("app", "etcd").withLabel("etcd_cluster", cluster).list().getItems();
    }

    private static List<Pod> ready(List<Pod> pods) {
        return pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).toList();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment operatorDeployment(String image) {
        return new DeploymentBuilder().withNewMetadata().withName("etcd-operator").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("name", "etcd-operator").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("name", "etcd-operator").endMetadata()
                .withNewSpec().addNewContainer().withName("etcd-operator").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static void createNamespace(KubernetesClient client, String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private static KubernetesClient connect(SimulatedCluster cluster) {
        return cluster.outsideClient();
    }
}
