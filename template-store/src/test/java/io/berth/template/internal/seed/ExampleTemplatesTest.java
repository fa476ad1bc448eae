package io.berth.template.internal.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.template.BuiltIns;
import io.berth.template.ContentValidator;
import io.berth.template.RenderedManifest;
import io.berth.template.RenderedManifests;
import io.berth.template.TemplateRenderer;
import java.util.Map;
import io.berth.template.SemVer;
import org.junit.jupiter.api.Test;

class ExampleTemplatesTest {

    @Test
    void theShippedExamplesAreValidVersions() {
        assertThat(ExampleTemplates.all()).extracting(ExampleTemplates.Example::name).containsExactly("nginx-web", "etcd-cluster", "etcd-operator");
        for (ExampleTemplates.Example example : ExampleTemplates.all()) {
            assertThat(new ContentValidator().validate(example.content())).as(example.name()).isEmpty();
            assertThat(SemVer.isValid(example.version())).isTrue();
            assertThat(example.description()).isNotBlank();
            assertThat(example.labels()).containsEntry("berth.io/example", "true");
        }
    }

    @Test
    void theExamplesAreTheTestedFixtures() {
        for (String name : new String[] {"nginx-web", "etcd-cluster", "etcd-operator"}) {
            for (String file : new String[] {"documents.yaml", "parameters.schema.json", "defaults.json", "hints.json"}) {
                assertThat(text("/seeds/" + name + "/" + file)).as(name + "/" + file)
                        .isEqualTo(text("/templates/" + name + "/" + file));
            }
        }
    }

    @Test
    void theEtcdOperatorRendersItsCrdRbacAndDeployment() {
        ExampleTemplates.Example operator = ExampleTemplates.all().stream()
                .filter(e -> e.name().equals("etcd-operator")).findFirst().orElseThrow();

        RenderedManifests rendered = new TemplateRenderer().render(operator.content(), Map.of("operatorVersion", "0.9.3"),
                new BuiltIns("etcd-operator", "storage", "eu-1", Map.of()));

        assertThat(rendered.manifests()).extracting(RenderedManifest::kind)
                .containsExactly("CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
        assertThat(rendered.manifests()).extracting(RenderedManifest::name).containsExactly(
                "etcdclusters.etcd.database.coreos.com", "etcd-operator", "etcd-operator-storage", "etcd-operator-storage",
                "etcd-operator");
        assertThat(rendered.yaml())
                .contains("specReplicasPath: \".spec.size\"")
                .contains("statusReplicasPath: \".status.size\"")
                .contains("x-kubernetes-preserve-unknown-fields: true")
                .contains("namespace: storage")
                .contains("serviceAccountName: etcd-operator")
                .contains("quay.io/coreos/etcd-operator:v0.9.3");
    }

    private static String text(String resource) {
        try (var in = ExampleTemplatesTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
