package io.berth.engine;

import static io.berth.engine.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Removing what a revision dropped, and everything at uninstall, without touching what is not Berth's to remove. */
class PruneAndUninstallTest extends OnSimulatedCluster {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));

    @Test
    void pruneRemovesTheDroppedServiceButKeepsClaimsAndObjectsTakenOverBySomeoneElse() {
        String ns = "prune";
        List<Map<String, Object>> first = new ArrayList<>(Seeds.render(Seeds.NGINX_WEB, "pruned", ns, Map.of("replicas", 1)));
        first.add(configMap("taken-over"));
        first.add(0, TestObjects.object("v1", "PersistentVolumeClaim", "scratch", Map.of("spec", Map.of())));
        List<ObjectRef> previous = applier.apply(berth, ns, true, first, Seeds.stamp("pruned", Seeds.NGINX_WEB, 1));
        cluster.client().configMaps().inNamespace(ns).withName("taken-over")
                .edit(c -> { c.getMetadata().getLabels().put("berth.io/application", "someone-else"); return c; });
        List<Map<String, Object>> second = Seeds.render(Seeds.NGINX_WEB, "pruned", ns, Map.of("replicas", 1)).stream()
                .filter(o -> !"Service".equals(o.get("kind"))).toList();
        List<ObjectRef> current = applier.apply(berth, ns, true, second, Seeds.stamp("pruned", Seeds.NGINX_WEB, 2));

        List<ObjectRef> pruned = applier.prune(berth, "pruned", previous, current);

        assertThat(pruned).containsExactly(new ObjectRef("v1", "Service", ns, "nginx"));
        assertThat(cluster.client().services().inNamespace(ns).withName("nginx").get()).isNull();
        assertThat(cluster.client().apps().statefulSets().inNamespace(ns).withName("web").get()).isNotNull();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(ns).withName("scratch").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("taken-over").get()).isNotNull();
    }

    @Test
    void pruneMatchesObjectsWhateverTheVersionOfTheirApiAndSkipsThoseAlreadyGone() {
        String ns = "prune-versions";
        List<ObjectRef> previous = applier.apply(berth, ns, true, List.of(configMap("gone"), configMap("stays")),
                Seeds.stamp("versions", "hand-made", 1));
        cluster.client().configMaps().inNamespace(ns).withName("gone").delete();
        List<ObjectRef> current = List.of(new ObjectRef("v1", "ConfigMap", ns, "stays"));

        assertThat(applier.prune(berth, "versions", previous, current)).isEmpty();
        assertThat(new ObjectRef("apps/v1beta2", "StatefulSet", ns, "web").sameObjectAs(new ObjectRef("apps/v1", "StatefulSet", ns, "web")))
                .isTrue();
        assertThat(new ObjectRef("v1", "StatefulSet", ns, "web").sameObjectAs(new ObjectRef("apps/v1", "StatefulSet", ns, "web")))
                .isFalse();
    }

    @Test
    void aClusterScopedObjectRecordedWithTheTargetNamespaceIsNotTakenForADroppedOne() {
        String ns = "prune-scope";
        List<ObjectRef> applied = applier.apply(berth, ns, true, List.of(TestObjects.crd("comets", "Comet", "Namespaced", false)),
                Seeds.stamp("comets", "hand-made", 1));
        assertThat(applied.get(0).namespace()).isNull();
        // what the application records before applying: the target namespace, as the scope is not known yet
        List<ObjectRef> recorded = List.of(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", ns,
                "comets.test.berth.io"));

        assertThat(applier.prune(berth, "comets", recorded, applied)).isEmpty();
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName("comets.test.berth.io").get())
                .isNotNull();
    }

    @Test
    void uninstallKeepsTheClaimsAndTheNamespaceByDefault() {
        String ns = "keep-claims";
        List<ObjectRef> applied = deployWebAndWaitForClaims(ns, "kept");

        applier.uninstall(berth, "kept", applied, false);

        assertThat(cluster.client().apps().statefulSets().inNamespace(ns).withName("web").get()).isNull();
        assertThat(cluster.client().services().inNamespace(ns).withName("nginx").get()).isNull();
        assertThat(claims(ns)).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(cluster.client().namespaces().withName(ns).get()).isNotNull();
    }

    @Test
    void uninstallWithDeletePvcsAlsoDeletesTheClaimsOfTheStatefulSets() {
        String ns = "drop-claims";
        List<ObjectRef> applied = deployWebAndWaitForClaims(ns, "dropped");
        cluster.client().persistentVolumeClaims().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("www-other-0").endMetadata().build()).create();

        applier.uninstall(berth, "dropped", applied, true);
        applier.uninstall(berth, "dropped", applied, true); // again: everything is already gone, which is fine

        assertThat(cluster.client().apps().statefulSets().inNamespace(ns).withName("web").get()).isNull();
        assertThat(claims(ns)).containsExactly("www-other-0");
    }

    @Test
    void uninstallLeavesAnObjectThatSomeoneElseTookOver() {
        String ns = "uninstall-taken";
        List<ObjectRef> applied = applier.apply(berth, ns, true, List.of(configMap("mine"), configMap("theirs")),
                Seeds.stamp("owner", "hand-made", 1));
        cluster.client().configMaps().inNamespace(ns).withName("theirs")
                .edit(c -> { c.getMetadata().getLabels().put("berth.io/application", "another"); return c; });

        applier.uninstall(berth, "owner", applied, false);

        assertThat(cluster.client().configMaps().inNamespace(ns).withName("mine").get()).isNull();
        assertThat(cluster.client().configMaps().inNamespace(ns).withName("theirs").get()).isNotNull();
    }

    private List<ObjectRef> deployWebAndWaitForClaims(String ns, String application) {
        List<ObjectRef> applied = applier.apply(berth, ns, true, Seeds.render(Seeds.NGINX_WEB, application, ns, Map.of()),
                Seeds.stamp(application, Seeds.NGINX_WEB, 1));
        await().atMost(WAIT).until(() -> claims(ns).size() == 3);
        return applied;
    }

    private List<String> claims(String ns) {
        return cluster.client().persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }
}
