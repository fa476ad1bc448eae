package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExampleTemplatesTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final ContentValidator validator = new ContentValidator();

    @Test
    void nginxWebPassesPublishValidation() {
        assertThat(validator.validate(Fixtures.example("nginx-web"))).isEmpty();
    }

    @Test
    void etcdClusterPassesPublishValidationWithItsHints() {
        SimpleContent etcd = Fixtures.example("etcd-cluster");
        assertThat(etcd.hints()).containsExactly(new WorkloadHint("etcd.database.coreos.com/v1beta2", "EtcdCluster",
                ScaleHint.atPath("spec.size"),
                HealthHint.fromStatusPath("status.phase", List.of("Running"), List.of("Creating"), List.of("Failed"))));
        assertThat(validator.validate(etcd)).isEmpty();
    }

    @Test
    void nginxWebRendersWithSchemaDefaultsToTheExpectedBytes() {
        RenderedManifests out = renderer.render(Fixtures.example("nginx-web"), Map.of(), Fixtures.BUILT_INS);

        assertThat(out.yaml()).isEqualTo(Fixtures.text("/templates/nginx-web/expected-defaults.yaml"));
        assertThat(out.manifests()).extracting(RenderedManifest::kind, RenderedManifest::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Service", "nginx"),
                        org.assertj.core.groups.Tuple.tuple("StatefulSet", "web"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nginxWebTakesSuppliedValuesWithTheirTypes() {
        RenderedManifests out = renderer.render(Fixtures.example("nginx-web"),
                Map.of("replicas", 5, "image", "nginx:1.28", "storageSize", "20Gi"), Fixtures.BUILT_INS);

        Map<String, Object> statefulSet = out.manifests().get(1).object();
        Map<String, Object> spec = (Map<String, Object>) statefulSet.get("spec");
        assertThat(spec.get("replicas")).isEqualTo(5);
        Map<String, Object> claim = ((List<Map<String, Object>>) spec.get("volumeClaimTemplates")).get(0);
        assertThat(claim).extractingByKey("metadata").isEqualTo(Map.of("name", "www"));
        assertThat(out.yaml()).contains("storage: \"20Gi\"\n", "image: \"nginx:1.28\"\n", "storageClassName: standard\n");
    }

    @Test
    void nginxWebRefusesNegativeReplicasAndBadStorageSizeAtOnce() {
        assertThatThrownBy(() -> renderer.render(Fixtures.example("nginx-web"),
                Map.of("replicas", -1, "storageSize", "1G"), Fixtures.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .extracting(TemplateProblem::path)
                        .containsExactlyInAnyOrder("$.replicas", "$.storageSize"));
    }

    @Test
    void etcdClusterRendersSizeAsANumberAndVersionAsText() {
        RenderedManifests out = renderer.render(Fixtures.example("etcd-cluster"), Map.of(), Fixtures.BUILT_INS);

        assertThat(out.yaml()).isEqualTo(Fixtures.text("/templates/etcd-cluster/expected-defaults.yaml"));
        RenderedManifest cluster = out.manifests().get(0);
        assertThat(cluster.apiVersion()).isEqualTo("etcd.database.coreos.com/v1beta2");
        assertThat(cluster.object()).extractingByKey("spec").isEqualTo(Map.of("size", 3, "version", "3.2.13"));
    }

    @Test
    void etcdClusterRefusesASizeAboveSeven() {
        assertThatThrownBy(() -> renderer.render(Fixtures.example("etcd-cluster"), Map.of("size", 9), Fixtures.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> {
                            assertThat(p.path()).isEqualTo("$.size");
                            assertThat(p.message()).contains("7");
                        }));
    }
}
