package io.berth.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.ManifestApplier;
import io.berth.engine.ObjectRef;
import io.berth.engine.OnSimulatedCluster;
import io.berth.engine.Seeds;
import io.berth.engine.Stamp;
import io.berth.engine.health.LiveReader;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drift of the article's objects on a simulated cluster: what the API server and the controllers add
 * is no drift; a scale and an image changed by someone else are.
 */
class DriftOnSimulatedClusterTest extends OnSimulatedCluster {

    private final ManifestApplier applier = new ManifestApplier(Duration.ofSeconds(10));

    @Test
    void theLiveObjectsOfAFreshDeployHaveNoDrift() {
        List<Map<String, Object>> rendered = new ArrayList<>(Seeds.render(Seeds.NGINX_WEB, "shop", "fresh", Map.of()));
        rendered.addAll(Seeds.render(Seeds.ETCD_OPERATOR, "shop", "fresh", Map.of()));
        Stamp stamp = Seeds.stamp("shop", Seeds.NGINX_WEB, 1);
        List<ObjectRef> applied = applier.apply(berth, "fresh", true, rendered, stamp);

        for (int i = 0; i < applied.size(); i++) {
            ObjectRef ref = applied.get(i);
            assertThat(DriftDetector.compare(ref, ManifestApplier.asApplied(rendered.get(i), stamp), live(ref)))
                    .as("drift of %s", ref).isEmpty();
        }
    }

    @Test
    void aScaleAndAnImagePatchedByHandAreDrift() {
        List<Map<String, Object>> rendered = Seeds.render(Seeds.NGINX_WEB, "shop", "handmade", Map.of());
        Stamp stamp = Seeds.stamp("shop", Seeds.NGINX_WEB, 1);
        ObjectRef web = applier.apply(berth, "handmade", true, rendered, stamp).get(1);

        cluster.client().apps().statefulSets().inNamespace("handmade").withName("web").scale(1);
        cluster.client().apps().statefulSets().inNamespace("handmade").withName("web")
                // as kubectl set image does: a patch, not a read-modify-write that races the controller
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/image\", \"value\": \"evil:latest\"}]");

        ObjectDrift drift = DriftDetector.compare(web, ManifestApplier.asApplied(rendered.get(1), stamp), live(web)).orElseThrow();
        assertThat(drift.fields()).extracting(FieldDrift::path)
                .containsExactly("spec.replicas", "spec.template.spec.containers[name=nginx].image");
    }

    private Map<String, Object> live(ObjectRef ref) {
        var kind = cluster.client().genericKubernetesResources(ref.apiVersion(), ref.kind());
        var found = ref.namespace() == null ? kind.withName(ref.name()).get()
                : kind.inNamespace(ref.namespace()).withName(ref.name()).get();
        return found == null ? null : LiveReader.tree(found);
    }
}
