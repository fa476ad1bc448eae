package io.berth.engine;

import static io.berth.engine.TestObjects.configMap;
import static io.berth.engine.TestObjects.crd;
import static io.berth.engine.TestObjects.custom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Scaling StatefulSets and custom resources on a simulated cluster. */
class WorkloadScalerTest extends OnSimulatedCluster {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));
    private final WorkloadScaler scaler = new WorkloadScaler();

    @Test
    void scaleDownRemovesHighestOrdinalFirst() {
        String ns = "scale-web";
        List<ObjectRef> applied = applier.apply(berth, ns, true, Seeds.render(Seeds.NGINX_WEB, "web", ns, Map.of()),
                Seeds.stamp("web", Seeds.NGINX_WEB, 1));
        ObjectRef web = applied.get(1);
        await().atMost(WAIT).until(() -> pods(ns).size() == 3);

        scaler.scale(berth, web, null, 5);
        await().atMost(WAIT).until(() -> pods(ns).equals(List.of("web-0", "web-1", "web-2", "web-3", "web-4")));
        List<String> removalOrder = new CopyOnWriteArrayList<>();
        try (Watch deletions = berth.pods().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.DELETED) {
                    removalOrder.add(pod.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            scaler.scale(berth, web, null, 2);

            await().atMost(WAIT).until(() -> removalOrder.size() == 3 && pods(ns).equals(List.of("web-0", "web-1")));
        }
        assertThat(removalOrder).containsExactly("web-4", "web-3", "web-2");
        assertThat(cluster.client().apps().statefulSets().inNamespace(ns).withName("web").get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void scalesTheEtcdClusterThroughTheScaleSubresourceItsCrdDeclares() {
        String ns = "scale-etcd";
        List<Map<String, Object>> objects = new ArrayList<>(Seeds.render(Seeds.ETCD_OPERATOR, "etcd", ns, Map.of()));
        objects.addAll(Seeds.render(Seeds.ETCD_CLUSTER, "etcd", ns, Map.of("size", 1)));
        List<ObjectRef> applied = applier.apply(berth, ns, true, objects, Seeds.stamp("etcd", "etcd", 1));
        ObjectRef etcd = applied.get(applied.size() - 1);

        // no replicas path given: only the CRD's scale subresource can do it
        scaler.scale(berth, etcd, null, 3);

        assertThat(size(etcd)).isEqualTo(3);
        await().atMost(WAIT).until(() -> cluster.client().pods().inNamespace(ns).withLabel("etcd_cluster", etcd.name())
                .list().getItems().size() == 3);
    }

    @Test
    void scalesACustomResourceWithoutScaleSubresourceAtItsReplicasPath() {
        String ns = "scale-path";
        List<ObjectRef> applied = applier.apply(berth, ns, true,
                List.of(crd("moons", "Moon", "Namespaced", false), custom("Moon", "io", 1)), Seeds.stamp("moons", "hand-made", 1));
        ObjectRef io = applied.get(1);

        scaler.scale(berth, io, "spec.size", 4);

        assertThat(size(io)).isEqualTo(4);
        assertThat(cluster.client().genericKubernetesResources("test.berth.io/v1", "Moon").inNamespace(ns).withName("io").get()
                .getMetadata().getLabels()).containsEntry("berth.io/application", "moons");
    }

    @Test
    void aCustomResourceWithNeitherScaleSubresourceNorReplicasPathIsNotScalable() {
        String ns = "scale-none";
        List<ObjectRef> applied = applier.apply(berth, ns, true,
                List.of(crd("comets", "Comet", "Namespaced", false), custom("Comet", "halley", 1)), Seeds.stamp("comets", "hand-made", 1));

        assertThatThrownBy(() -> scaler.scale(berth, applied.get(1), null, 2))
                .isInstanceOf(NotScalableException.class)
                .hasMessageContaining("Comet/halley")
                .hasMessageContaining("no scale subresource");
    }

    @Test
    void configMapsAndServicesAreNotScalable() {
        String ns = "scale-plain";
        List<ObjectRef> applied = applier.apply(berth, ns, true, List.of(configMap("settings")), Seeds.stamp("plain", "hand-made", 1));

        assertThatThrownBy(() -> scaler.scale(berth, applied.get(0), "spec.replicas", 2))
                .isInstanceOf(NotScalableException.class).hasMessageContaining("ConfigMap/settings");
        assertThatThrownBy(() -> scaler.scale(berth, new ObjectRef("v1", "Service", ns, "nginx"), null, 2))
                .isInstanceOf(NotScalableException.class).hasMessageContaining("Service/nginx");
    }

    @Test
    void scalingAMissingStatefulSetFailsNamingIt() {
        assertThatThrownBy(() -> scaler.scale(berth, new ObjectRef("apps/v1", "StatefulSet", "nowhere", "ghost"), null, 2))
                .isInstanceOf(ScaleException.class)
                .hasMessageContaining("StatefulSet/ghost");
    }

    private List<String> pods(String ns) {
        return cluster.client().pods().inNamespace(ns).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private Object size(ObjectRef ref) {
        GenericKubernetesResource live = cluster.client().genericKubernetesResources(ref.apiVersion(), ref.kind())
                .inNamespace(ref.namespace()).withName(ref.name()).get();
        return ((Map<String, Object>) live.getAdditionalProperties().get("spec")).get("size");
    }
}
