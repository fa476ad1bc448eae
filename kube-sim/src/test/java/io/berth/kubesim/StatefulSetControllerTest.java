package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated StatefulSet controller against the rules of the Kubernetes documentation, with the
 * documentation's example: a headless Service {@code nginx} and a StatefulSet {@code web} of nginx
 * with a {@code www} claim of 1Gi per pod. Writes go over HTTPS with a client built from the
 * kubeconfig, as Berth's would; reads use the cluster's own client.
 */
class StatefulSetControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String IMAGE = "registry.k8s.io/nginx-slim:0.24";
    private static final String NEW_IMAGE = "registry.k8s.io/nginx-slim:0.25";

    private static KubeSim sim;
    private static SimulatedCluster cluster;
    // pods here take 400 ms to become Ready, long enough to see who waits for whom
    private static KubeSim slowSim;
    private static SimulatedCluster slowCluster;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startClusters() {
        sim = KubeSim.withDefaults();
        cluster = sim.startCluster();
        slowSim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(400)));
        slowCluster = slowSim.startCluster();
    }

    @AfterAll
    static void stopClusters() {
        sim.close();
        slowSim.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void orderedReadyCreatesOnePodAtATimeInOrdinalOrder() {
        String ns = namespace(slowCluster, "ordered");
        PodEvents events = watchPods(slowCluster, ns);

        deploy(slowCluster, ns, web(3));

        await().atMost(WAIT).until(() -> events.contains("READY web-2"));
        assertThat(events.names("ADDED")).containsExactly("web-0", "web-1", "web-2");
        assertThat(events.indexOf("READY web-0")).isLessThan(events.indexOf("ADDED web-1"));
        assertThat(events.indexOf("READY web-1")).isLessThan(events.indexOf("ADDED web-2"));
    }

    @Test
    void parallelCreatesAllAtOnce() {
        String ns = namespace(slowCluster, "parallel");
        PodEvents events = watchPods(slowCluster, ns);

        deploy(slowCluster, ns, web(3, spec -> spec.editSpec().withPodManagementPolicy("Parallel").endSpec()));

        await().atMost(WAIT).until(() -> events.names("READY").size() == 3);
        assertThat(events.names("ADDED")).containsExactlyInAnyOrder("web-0", "web-1", "web-2");
        assertThat(events.indexOf("ADDED web-0")).isLessThan(events.firstIndexOf("READY"));
        assertThat(events.indexOf("ADDED web-1")).isLessThan(events.firstIndexOf("READY"));
        assertThat(events.indexOf("ADDED web-2")).isLessThan(events.firstIndexOf("READY"));
    }

    @Test
    void scaleDownRemovesHighestOrdinalFirst() {
        String ns = namespace(cluster, "scale-down");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        PodEvents events = watchPods(cluster, ns);

        berth(cluster).apps().statefulSets().inNamespace(ns).withName("web").scale(1);

        await().atMost(WAIT).until(() -> podNames(ns).equals(List.of("web-0")) && events.names("DELETED").size() == 2);
        assertThat(events.names("DELETED")).containsExactly("web-2", "web-1");
        await().atMost(WAIT).until(() -> status(ns).getReplicas() == 1 && status(ns).getReadyReplicas() == 1);
    }

    @Test
    void deletedPodIsRecreatedWithTheSameName() {
        String ns = namespace(cluster, "recreate");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        String oldUid = pod(ns, "web-1").getMetadata().getUid();

        berth(cluster).pods().inNamespace(ns).withName("web-1").delete();

        await().atMost(WAIT).until(() -> {
            Pod pod = pod(ns, "web-1");
            return pod != null && !pod.getMetadata().getUid().equals(oldUid) && ready(pod);
        });
        Pod recreated = pod(ns, "web-1");
        assertThat(recreated.getMetadata().getLabels()).containsEntry("app", "nginx")
                .containsEntry("statefulset.kubernetes.io/pod-name", "web-1")
                .containsEntry("controller-revision-hash", status(ns).getUpdateRevision());
        assertThat(recreated.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("StatefulSet");
            assertThat(owner.getName()).isEqualTo("web");
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getUid()).isEqualTo(set(ns).getMetadata().getUid());
        });
        assertThat(recreated.getSpec().getHostname()).isEqualTo("web-1");
        assertThat(recreated.getSpec().getSubdomain()).isEqualTo("nginx");
        assertThat(recreated.getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("www");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("www-web-1");
        });
        await().atMost(WAIT).until(() -> status(ns).getReadyReplicas() == 3);
    }

    @Test
    void aStatefulSetWhosePodIsDeletedAgainAndAgainIsReadyAgainOnceItStops() throws InterruptedException {
        String ns = namespace(slowCluster, "churned");
        deploy(slowCluster, ns, web(1));
        KubernetesClient client = slowCluster.client();
        await().atMost(WAIT).until(() -> readyReplicas(client, ns) == 1);

        // every 100 ms for 2 s, as the tracking benchmark's churn does; a pod needs 400 ms to be Ready
        for (int i = 0; i < 20; i++) {
            client.pods().inNamespace(ns).withName("web-0").delete();
            Thread.sleep(100);
        }

        await().atMost(WAIT).until(() -> readyReplicas(client, ns) == 1);
        assertThat(client.pods().inNamespace(ns).withName("web-0").get()).satisfies(pod -> assertThat(ready(pod)).isTrue());
    }

    private static int readyReplicas(KubernetesClient client, String ns) {
        StatefulSet set = client.apps().statefulSets().inNamespace(ns).withName("web").get();
        Integer ready = set == null || set.getStatus() == null ? null : set.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    @Test
    void rollingUpdateReplacesFromHighestOrdinalDown() {
        String ns = namespace(cluster, "rolling");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        String oldRevision = status(ns).getUpdateRevision();
        PodEvents events = watchPods(cluster, ns);

        changeImage(ns, NEW_IMAGE);

        await().atMost(WAIT).until(() -> !status(ns).getUpdateRevision().equals(oldRevision) && rolledOut(ns, 3));
        assertThat(events.names("DELETED")).containsExactly("web-2", "web-1", "web-0");
        // each replaced pod is back and Ready before the next one goes
        assertThat(events.indexOf("READY web-2", events.indexOf("DELETED web-2"))).isLessThan(events.indexOf("DELETED web-1"));
        assertThat(events.indexOf("READY web-1", events.indexOf("DELETED web-1"))).isLessThan(events.indexOf("DELETED web-0"));
        assertThat(pods(ns)).extracting(StatefulSetControllerTest::image).containsOnly(NEW_IMAGE);
    }

    @Test
    void partitionKeepsLowerOrdinalsOnTheOldRevision() {
        String ns = namespace(cluster, "partition");
        deploy(cluster, ns, web(3, s -> s.editSpec().withNewUpdateStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withPartition(2).endRollingUpdate().endUpdateStrategy().endSpec()));
        awaitRolledOut(ns, 3);
        String oldRevision = status(ns).getCurrentRevision();

        changeImage(ns, NEW_IMAGE);

        await().atMost(WAIT).until(() -> NEW_IMAGE.equals(image(pod(ns, "web-2"))) && ready(pod(ns, "web-2")));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> IMAGE.equals(image(pod(ns, "web-0")))
                && IMAGE.equals(image(pod(ns, "web-1"))));
        StatefulSetStatus staged = status(ns);
        assertThat(staged.getCurrentRevision()).isEqualTo(oldRevision);
        assertThat(staged.getUpdatedReplicas()).isEqualTo(1);
        assertThat(staged.getCurrentReplicas()).isEqualTo(2);

        // a pod below the partition that dies comes back from the current revision
        berth(cluster).pods().inNamespace(ns).withName("web-1").delete();
        await().atMost(WAIT).until(() -> pod(ns, "web-1") != null && ready(pod(ns, "web-1")));
        assertThat(image(pod(ns, "web-1"))).isEqualTo(IMAGE);
        assertThat(pod(ns, "web-1").getMetadata().getLabels()).containsEntry("controller-revision-hash", oldRevision);

        update(ns, s -> s.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(0));
        await().atMost(WAIT).until(() -> rolledOut(ns, 3) && !status(ns).getCurrentRevision().equals(oldRevision));
        assertThat(pods(ns)).extracting(StatefulSetControllerTest::image).containsOnly(NEW_IMAGE);
    }

    @Test
    void onDeleteUpdatesOnlyDeletedPods() {
        String ns = namespace(cluster, "on-delete");
        deploy(cluster, ns, web(3, s -> s.editSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy().endSpec()));
        awaitRolledOut(ns, 3);
        String oldRevision = status(ns).getCurrentRevision();
        Map<String, String> uids = uids(ns);

        changeImage(ns, NEW_IMAGE);

        await().atMost(WAIT).until(() -> !status(ns).getUpdateRevision().equals(oldRevision));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> uids(ns).equals(uids));

        berth(cluster).pods().inNamespace(ns).withName("web-1").delete();
        await().atMost(WAIT).until(() -> pod(ns, "web-1") != null && ready(pod(ns, "web-1")) && status(ns).getReadyReplicas() == 3);
        assertThat(image(pod(ns, "web-1"))).isEqualTo(NEW_IMAGE);
        assertThat(image(pod(ns, "web-0"))).isEqualTo(IMAGE);
        assertThat(image(pod(ns, "web-2"))).isEqualTo(IMAGE);
        await().atMost(WAIT).until(() -> status(ns).getUpdatedReplicas() == 1);
        StatefulSetStatus status = status(ns);
        assertThat(status.getCurrentReplicas()).isEqualTo(2);
        assertThat(status.getCurrentRevision()).isEqualTo(oldRevision);
        assertThat(pod(ns, "web-1").getMetadata().getLabels()).containsEntry("controller-revision-hash", status.getUpdateRevision());
    }

    @Test
    void pvcsAreKeptOnScaleDownAndDeleteByDefault() {
        String ns = namespace(cluster, "keep-pvcs");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        assertThat(claimNames(ns)).containsExactly("www-web-0", "www-web-1", "www-web-2");
        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(ns).withName("www-web-0").get();
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("my-storage-class");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
        assertThat(claim.getMetadata().getLabels()).containsEntry("app", "nginx");
        assertThat(claim.getMetadata().getOwnerReferences()).isEmpty();

        berth(cluster).apps().statefulSets().inNamespace(ns).withName("web").scale(1);
        await().atMost(WAIT).until(() -> podNames(ns).equals(List.of("web-0")));
        assertThat(claimNames(ns)).containsExactly("www-web-0", "www-web-1", "www-web-2");

        berth(cluster).apps().statefulSets().inNamespace(ns).withName("web").delete();
        await().atMost(WAIT).until(() -> pods(ns).isEmpty() && revisions(ns).isEmpty());
        assertThat(claimNames(ns)).containsExactly("www-web-0", "www-web-1", "www-web-2");
    }

    @Test
    void retentionPolicyDeleteRemovesPvcs() {
        String ns = namespace(cluster, "delete-pvcs");
        deploy(cluster, ns, web(3, s -> s.editSpec().withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenScaled("Delete").withWhenDeleted("Delete").endPersistentVolumeClaimRetentionPolicy().endSpec()));
        awaitRolledOut(ns, 3);
        PersistentVolumeClaim claim = cluster.client().persistentVolumeClaims().inNamespace(ns).withName("www-web-0").get();
        assertThat(claim.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("StatefulSet");
            assertThat(owner.getUid()).isEqualTo(set(ns).getMetadata().getUid());
        });

        berth(cluster).apps().statefulSets().inNamespace(ns).withName("web").scale(1);
        await().atMost(WAIT).until(() -> claimNames(ns).equals(List.of("www-web-0")));
        assertThat(podNames(ns)).containsExactly("web-0");

        berth(cluster).apps().statefulSets().inNamespace(ns).withName("web").delete();
        await().atMost(WAIT).until(() -> pods(ns).isEmpty() && claimNames(ns).isEmpty());
    }

    @Test
    void statusCountsAndRevisionsFollowTheRollout() {
        String ns = namespace(cluster, "status");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        StatefulSetStatus first = status(ns);
        assertThat(first.getReplicas()).isEqualTo(3);
        assertThat(first.getReadyReplicas()).isEqualTo(3);
        assertThat(first.getAvailableReplicas()).isEqualTo(3);
        assertThat(first.getCurrentReplicas()).isEqualTo(3);
        assertThat(first.getUpdatedReplicas()).isEqualTo(3);
        assertThat(first.getCollisionCount()).isZero();
        assertThat(first.getObservedGeneration()).isEqualTo(1L);
        assertThat(first.getUpdateRevision()).matches("web-[0-9a-f]{10}").isEqualTo(first.getCurrentRevision());
        assertThat(revisions(ns)).extracting(r -> r.getMetadata().getName(), ControllerRevision::getRevision)
                .containsExactly(tuple(first.getUpdateRevision(), 1L));
        List<StatefulSetStatus> seen = watchStatuses(ns);

        changeImage(ns, NEW_IMAGE);

        await().atMost(WAIT).until(() -> status(ns).getObservedGeneration() == 2L && rolledOut(ns, 3));
        StatefulSetStatus last = status(ns);
        assertThat(last.getUpdateRevision()).isNotEqualTo(first.getUpdateRevision()).isEqualTo(last.getCurrentRevision());
        assertThat(last.getCurrentReplicas()).isEqualTo(3);
        assertThat(seen).anySatisfy(s -> {
            assertThat(s.getCurrentRevision()).isEqualTo(first.getCurrentRevision());
            assertThat(s.getUpdateRevision()).isEqualTo(last.getUpdateRevision());
            assertThat(s.getUpdatedReplicas()).isEqualTo(1);
            assertThat(s.getCurrentReplicas()).isEqualTo(2);
        });
        assertThat(seen).anySatisfy(s -> assertThat(s.getReadyReplicas()).isEqualTo(2));
        assertThat(revisions(ns)).extracting(r -> r.getMetadata().getName(), ControllerRevision::getRevision).containsExactly(
                tuple(first.getUpdateRevision(), 1L), tuple(last.getUpdateRevision(), 2L));
        assertThat(pods(ns)).extracting(p -> p.getMetadata().getLabels().get("controller-revision-hash")).containsOnly(last.getUpdateRevision());
    }

    @Test
    void crashLoopingPodBlocksOrderedRollout() {
        String ns = namespace(cluster, "crashloop");
        deploy(cluster, ns, web(3));
        awaitRolledOut(ns, 3);
        String goodRevision = status(ns).getCurrentRevision();
        Map<String, String> uids = uids(ns);

        changeImage(ns, "nginx:crashloop");

        // web-2 is replaced first and never becomes Ready, so web-1 and web-0 are never replaced
        await().atMost(WAIT).until(() -> "nginx:crashloop".equals(image(pod(ns, "web-2"))) && "CrashLoopBackOff".equals(waitingReason(pod(ns, "web-2"))));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> Objects.equals(uids(ns).get("web-1"), uids.get("web-1"))
                && Objects.equals(uids(ns).get("web-0"), uids.get("web-0")));
        StatefulSetStatus stuck = status(ns);
        assertThat(stuck.getReadyReplicas()).isEqualTo(2);
        assertThat(stuck.getUpdatedReplicas()).isEqualTo(1);
        assertThat(stuck.getCurrentRevision()).isEqualTo(goodRevision);

        // as documented ("forced rollback"): reverting the template leaves the broken pod until it is deleted
        changeImage(ns, IMAGE);
        await().atMost(WAIT).until(() -> goodRevision.equals(status(ns).getUpdateRevision()));
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> "nginx:crashloop".equals(image(pod(ns, "web-2"))));
        berth(cluster).pods().inNamespace(ns).withName("web-2").delete();
        await().atMost(WAIT).until(() -> rolledOut(ns, 3) && IMAGE.equals(image(pod(ns, "web-2"))));
        assertThat(status(ns).getCurrentRevision()).isEqualTo(goodRevision);
    }

    @Test
    void orderedStatefulSetOfFiveBecomesReadyWithinTenSeconds() {
        String ns = namespace(cluster, "five");
        long start = System.nanoTime();

        deploy(cluster, ns, web(5));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> status(ns) != null && status(ns).getReadyReplicas() == 5);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("StatefulSet of 5 (OrderedReady, readiness delay %d ms) reached readyReplicas=5 in %d ms%n",
                sim.settings().readinessDelay().toMillis(), millis);
        assertThat(millis).isGreaterThanOrEqualTo(5 * sim.settings().readinessDelay().toMillis()).isLessThan(10_000);
    }

    // --- the example from the documentation

    private static StatefulSet web(int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "nginx").endSelector()
                .withServiceName("nginx").withReplicas(replicas).withMinReadySeconds(10)
                .withNewTemplate().withNewMetadata().addToLabels("app", "nginx").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(10L)
                .addNewContainer().withName("nginx").withImage(IMAGE).addNewPort().withContainerPort(80).withName("web").endPort()
                .addNewVolumeMount().withName("www").withMountPath("/usr/share/nginx/html").endVolumeMount().endContainer()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("www").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("my-storage-class")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
                .endVolumeClaimTemplate().endSpec().build();
    }

    private static StatefulSet web(int replicas, UnaryOperator<StatefulSetBuilder> change) {
        return change.apply(new StatefulSetBuilder(web(replicas))).build();
    }

    private void deploy(SimulatedCluster target, String ns, StatefulSet set) {
        KubernetesClient client = berth(target);
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("nginx").addToLabels("app", "nginx")
                .endMetadata().withNewSpec().addNewPort().withPort(80).withName("web").endPort().withClusterIP("None")
                .addToSelector("app", "nginx").endSpec().build()).create();
        client.apps().statefulSets().inNamespace(ns).resource(set).create();
    }

    private void changeImage(String ns, String image) {
        update(ns, s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    /**
     * A plain update (PUT) over HTTPS of the set as just read, tried again when the controller wrote the
     * status in between (409), as a careful client does.
     */
    private void update(String ns, Consumer<StatefulSet> change) {
        KubernetesClient client = berth(cluster);
        for (int attempt = 1; ; attempt++) {
            StatefulSet current = client.apps().statefulSets().inNamespace(ns).withName("web").get();
            change.accept(current);
            try {
                client.apps().statefulSets().inNamespace(ns).resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    // --- clients, namespaces, watches

    /** A client as Berth builds one: from the cluster's kubeconfig, over HTTPS, with the cluster's token. */
    private KubernetesClient berth(SimulatedCluster target) {
        Config config = Config.fromKubeconfig(target.kubeconfig());
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        opened.add(client);
        return client;
    }

    private String namespace(SimulatedCluster target, String name) {
        berth(target).namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    private PodEvents watchPods(SimulatedCluster target, String ns) {
        PodEvents events = new PodEvents();
        Watch watch = target.client().pods().inNamespace(ns).watch(events);
        opened.add(watch::close);
        return events;
    }

    private List<StatefulSetStatus> watchStatuses(String ns) {
        List<StatefulSetStatus> seen = new CopyOnWriteArrayList<>();
        Watch watch = cluster.client().apps().statefulSets().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, StatefulSet set) {
                if (set.getStatus() != null) {
                    seen.add(set.getStatus());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        opened.add(watch::close);
        return seen;
    }

    /** What a watch on pods saw, in order: "ADDED web-0", "READY web-0" (when a pod turns Ready), "DELETED web-2". */
    private static final class PodEvents implements Watcher<Pod> {

        private final List<String> events = new CopyOnWriteArrayList<>();
        private final Map<String, Boolean> readyByUid = new ConcurrentHashMap<>();

        @Override
        public void eventReceived(Action action, Pod pod) {
            String name = pod.getMetadata().getName();
            if (action == Action.ADDED || action == Action.DELETED) {
                events.add(action + " " + name);
            }
            boolean ready = ready(pod);
            Boolean before = readyByUid.put(pod.getMetadata().getUid(), ready);
            if (ready && !Boolean.TRUE.equals(before) && action != Action.DELETED) {
                events.add("READY " + name);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }

        boolean contains(String event) {
            return events.contains(event);
        }

        int indexOf(String event) {
            return indexOf(event, 0);
        }

        /** The first index of the event at or after {@code from}; fails when there is none. */
        int indexOf(String event, int from) {
            List<String> all = List.copyOf(events);
            for (int i = Math.max(0, from); i < all.size(); i++) {
                if (all.get(i).equals(event)) {
                    return i;
                }
            }
            throw new AssertionError("no '" + event + "' from " + from + " in " + all);
        }

        int firstIndexOf(String type) {
            List<String> all = List.copyOf(events);
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith(type + " ")) {
                    return i;
                }
            }
            throw new AssertionError("no " + type + " in " + all);
        }

        List<String> names(String type) {
            return events.stream().filter(e -> e.startsWith(type + " ")).map(e -> e.substring(type.length() + 1)).toList();
        }
    }

    // --- reading state

    private static void awaitRolledOut(String ns, int replicas) {
        await().atMost(WAIT).until(() -> rolledOut(ns, replicas));
    }

    /** Every pod made, Ready and at the update revision, and the status says so for the latest generation. */
    private static boolean rolledOut(String ns, int replicas) {
        StatefulSet set = set(ns);
        StatefulSetStatus status = set == null ? null : set.getStatus();
        return status != null && Objects.equals(status.getObservedGeneration(), set.getMetadata().getGeneration())
                && status.getReplicas() == replicas && status.getReadyReplicas() == replicas && status.getUpdatedReplicas() == replicas
                && Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
    }

    private static StatefulSet set(String ns) {
        return cluster.client().apps().statefulSets().inNamespace(ns).withName("web").get();
    }

    private static StatefulSetStatus status(String ns) {
        StatefulSet set = set(ns);
        return set == null ? null : set.getStatus();
    }

    private static List<Pod> pods(String ns) {
        return cluster.client().pods().inNamespace(ns).list().getItems();
    }

    private static Pod pod(String ns, String name) {
        return cluster.client().pods().inNamespace(ns).withName(name).get();
    }

    private static List<String> podNames(String ns) {
        return pods(ns).stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static Map<String, String> uids(String ns) {
        Map<String, String> uids = new TreeMap<>();
        pods(ns).forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return uids;
    }

    private static List<String> claimNames(String ns) {
        return cluster.client().persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    private static List<ControllerRevision> revisions(String ns) {
        return cluster.client().apps().controllerRevisions().inNamespace(ns).list().getItems().stream()
                .sorted(Comparator.comparing(ControllerRevision::getRevision)).toList();
    }

    private static String image(Pod pod) {
        return pod == null ? null : pod.getSpec().getContainers().get(0).getImage();
    }

    private static boolean ready(Pod pod) {
        return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String waitingReason(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        var state = pod.getStatus().getContainerStatuses().get(0).getState();
        return state != null && state.getWaiting() != null ? state.getWaiting().getReason() : null;
    }
}
