package io.berth.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.OnSimulatedCluster;
import io.berth.engine.Seeds;
import io.berth.engine.WorkloadScaler;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.Health;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The resource tree and the events of the article's templates, read from a simulated cluster. */
class ResourceTreeOnSimulatedClusterTest extends OnSimulatedCluster {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));
    private final ResourceTreeReader reader = new ResourceTreeReader();

    @Test
    void nginxWebShowsItsThreePodsWithOrdinalsAndItsThreeBoundClaims() {
        List<ObjectRef> applied = deployNginx("tree-web", Map.of());

        List<ObjectNode> tree = awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Healthy);

        assertThat(tree).extracting(ObjectNode::kind).containsExactly("Service", "StatefulSet");
        ObjectNode service = node(tree, "Service");
        assertThat(service.health()).isNull(); // a Service exists or not: no health rule judges it
        assertThat(service.uid()).isNotNull();
        ObjectNode web = node(tree, "StatefulSet");
        assertThat(web.summary()).isEqualTo(new ObjectSummary(null, 3, 3, 3, null, null));
        assertThat(web.pods()).extracting(PodNode::name).containsExactly("web-0", "web-1", "web-2");
        assertThat(web.pods()).extracting(PodNode::ordinal).containsExactly(0, 1, 2);
        assertThat(web.pods()).allSatisfy(pod -> {
            assertThat(pod.ready()).isTrue();
            assertThat(pod.reason()).isNull();
            assertThat(pod.phase()).isEqualTo("Running");
            assertThat(pod.node()).startsWith("sim-node-");
            assertThat(pod.controllerRevision()).startsWith("web-");
            assertThat(pod.createdAt()).isNotNull();
            assertThat(pod.health()).isEqualTo(Health.Healthy);
        });
        assertThat(web.claims()).extracting(ClaimNode::name).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(web.claims()).allSatisfy(claim -> {
            assertThat(claim.phase()).isEqualTo("Bound");
            assertThat(claim.capacity()).isEqualTo("1Gi");
            assertThat(claim.storageClass()).isEqualTo("standard");
            assertThat(claim.retained()).isFalse();
            assertThat(claim.health()).isEqualTo(Health.Healthy);
        });
    }

    @Test
    void aScaleDownLeavesTheClaimsOfTheRemovedOrdinalsRetained() {
        List<ObjectRef> applied = deployNginx("tree-scaled", Map.of());
        awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Healthy);

        new WorkloadScaler().scale(berth, applied.get(1), null, 1);
        List<ObjectNode> tree = awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Healthy
                && node(t, "StatefulSet").pods().size() == 1);

        ObjectNode web = node(tree, "StatefulSet");
        assertThat(web.pods()).extracting(PodNode::name).containsExactly("web-0");
        assertThat(web.claims()).extracting(ClaimNode::name).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(web.claims()).extracting(ClaimNode::retained).containsExactly(false, true, true);
        assertThat(web.claims().get(2).retainedBecause()).isEqualTo("kept after scale-down: StatefulSet web has 1 replica");
    }

    @Test
    void aStatefulSetDeletedBehindBerthsBackIsMissingAndItsClaimsAreRetained() {
        List<ObjectRef> applied = deployNginx("tree-deleted", Map.of());
        awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Healthy);

        cluster.client().apps().statefulSets().inNamespace("tree-deleted").withName("web").delete();
        List<ObjectNode> tree = awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Missing);

        ObjectNode web = node(tree, "StatefulSet");
        assertThat(web.reason()).isEqualTo("not found on the cluster");
        assertThat(web.pods()).isEmpty();
        assertThat(web.claims()).extracting(ClaimNode::name).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(web.claims()).allSatisfy(claim -> {
            assertThat(claim.retained()).isTrue();
            assertThat(claim.retainedBecause()).isEqualTo("kept after StatefulSet web was deleted");
        });
    }

    @Test
    void aCrashLoopingPodSaysWhyItIsNotReady() {
        List<ObjectRef> applied = deployNginx("tree-crash", Map.of("image", "nginx:crashloop"));

        List<ObjectNode> tree = awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Degraded);

        ObjectNode web = node(tree, "StatefulSet");
        assertThat(web.reason()).contains("web-0").contains("CrashLoopBackOff");
        assertThat(web.pods()).first().satisfies(pod -> {
            assertThat(pod.name()).isEqualTo("web-0");
            assertThat(pod.ready()).isFalse();
            assertThat(pod.reason()).startsWith("CrashLoopBackOff");
            assertThat(pod.health()).isEqualTo(Health.Degraded);
        });
    }

    @Test
    void theEtcdClusterShowsTheMemberPodsItOwnsAndItsSummary() {
        String ns = "tree-etcd";
        List<Map<String, Object>> objects = new ArrayList<>(Seeds.render(Seeds.ETCD_OPERATOR, "etcd", ns, Map.of()));
        objects.addAll(Seeds.render(Seeds.ETCD_CLUSTER, "etcd", ns, Map.of()));
        List<ObjectRef> applied = applier.apply(berth, ns, true, objects, Seeds.stamp("etcd", "etcd", 1));
        Map<String, CustomHealthRule> rules = Seeds.healthRules(Seeds.ETCD_CLUSTER);

        List<ObjectNode> tree = awaitTree(applied, rules, t -> node(t, "EtcdCluster").health() == Health.Healthy);

        ObjectNode etcd = node(tree, "EtcdCluster");
        assertThat(etcd.summary().phase()).isEqualTo("Running");
        assertThat(etcd.summary().desiredReplicas()).isEqualTo(3);
        assertThat(etcd.summary().currentReplicas()).isEqualTo(3);
        assertThat(etcd.summary().unreadyMembers()).isEmpty();
        assertThat(etcd.pods()).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.name()).startsWith("example-etcd-cluster-");
            assertThat(pod.ordinal()).isNull();
            assertThat(pod.ready()).isTrue();
        });
        assertThat(etcd.summary().readyMembers()).containsExactlyElementsOf(etcd.pods().stream().map(PodNode::name).toList());
        assertThat(etcd.claims()).isEmpty();
        assertThat(node(tree, "Deployment").pods()).singleElement()
                .satisfies(pod -> assertThat(pod.name()).startsWith("etcd-operator-"));
        assertThat(node(tree, "CustomResourceDefinition").health()).isNull();
        assertThat(node(tree, "ClusterRole").pods()).isEmpty();
    }

    @Test
    void theEventsOfTheTargetsObjectsPodsAndClaimsAreListedNewestFirst() {
        String ns = "tree-events";
        List<ObjectRef> applied = deployNginx(ns, Map.of());
        List<ObjectNode> tree = awaitTree(applied, Map.of(), t -> node(t, "StatefulSet").health() == Health.Healthy);
        ObjectNode web = node(tree, "StatefulSet");
        createEvent(ns, "web.1", "StatefulSet", "web", web.uid(), "SuccessfulCreate", "2026-11-20T10:00:01Z");
        createEvent(ns, "web-1.1", "Pod", "web-1", web.pods().get(1).uid(), "Started", "2026-11-20T10:00:03Z");
        createEvent(ns, "www-web-2.1", "PersistentVolumeClaim", "www-web-2", null, "ProvisioningSucceeded", "2026-11-20T10:00:02Z");
        createEvent(ns, "web-0.old", "Pod", "web-0", "uid-of-an-earlier-web-0", "Killing", "2026-11-20T10:00:04Z");
        createEvent(ns, "other.1", "Pod", "other-0", null, "Started", "2026-11-20T10:00:05Z");

        List<EventNode> events = new EventReader().read(berth, ns, tree);

        // the simulator records events of its own (newer than these): look at the ones made here, in order
        List<String> made = List.of("web.1", "web-1.1", "www-web-2.1", "web-0.old", "other.1");
        assertThat(events).extracting(EventNode::name).filteredOn(made::contains)
                .containsExactly("web-1.1", "www-web-2.1", "web.1");
        EventNode started = events.stream().filter(e -> e.name().equals("web-1.1")).findFirst().orElseThrow();
        assertThat(started.reason()).isEqualTo("Started");
        assertThat(started.object()).isEqualTo(new InvolvedObject("Pod", "web-1", web.pods().get(1).uid()));
        assertThat(events).as("the StatefulSet controller's own events are the target's too")
                .anyMatch(e -> e.reason().equals("SuccessfulCreate") && e.object().kind().equals("StatefulSet"));
    }

    private List<ObjectRef> deployNginx(String ns, Map<String, Object> values) {
        return applier.apply(berth, ns, true, Seeds.render(Seeds.NGINX_WEB, "web", ns, values), Seeds.stamp("web", Seeds.NGINX_WEB, 1));
    }

    private List<ObjectNode> awaitTree(List<ObjectRef> applied, Map<String, CustomHealthRule> rules, Predicate<List<ObjectNode>> done) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> reader.read(berth, applied, rules), done);
    }

    private static ObjectNode node(List<ObjectNode> tree, String kind) {
        return tree.stream().filter(n -> n.kind().equals(kind)).findFirst().orElseThrow();
    }

    private void createEvent(String ns, String name, String kind, String objectName, String uid, String reason, String last) {
        HasMetadata event = new EventBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(objectName).withNamespace(ns).withUid(uid).endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(reason + " " + objectName).withCount(1)
                .withFirstTimestamp(last).withLastTimestamp(last).build();
        cluster.client().resource(event).create();
    }
}
