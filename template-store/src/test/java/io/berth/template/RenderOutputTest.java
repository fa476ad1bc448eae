package io.berth.template;

import static io.berth.template.Fixtures.BUILT_INS;
import static io.berth.template.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RenderOutputTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static String object(String apiVersion, String kind, String name) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
    }

    @Test
    void sortsDocumentsByApplyOrderKeepingTemplateOrderWithinAGroup() {
        String documents = String.join("---\n",
                object("apps/v1", "Deployment", "operator"),
                object("example.com/v1", "Widget", "w"),
                object("v1", "Service", "svc"),
                object("v1", "Secret", "s"),
                object("v1", "ConfigMap", "c"),
                object("apps/v1", "StatefulSet", "db"),
                object("rbac.authorization.k8s.io/v1", "ClusterRole", "cr"),
                object("v1", "PersistentVolumeClaim", "data"),
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
                object("v1", "ServiceAccount", "sa"),
                object("v1", "Namespace", "ns"),
                object("serving.knative.dev/v1", "Service", "knative"),
                object("rbac.authorization.k8s.io/v1", "RoleBinding", "rb"));

        RenderedManifests out = renderer.render(content(documents, "{}"), Map.of(), BUILT_INS);

        assertThat(out.manifests()).extracting(RenderedManifest::name).containsExactly(
                "ns", "widgets.example.com", "cr", "sa", "rb", "s", "c", "data", "svc", "operator", "db", "w", "knative");
        assertThat(out.manifests()).extracting(RenderedManifest::sourceIndex).startsWith(10, 8, 6, 9, 12);
    }

    @Test
    void joinsDocumentsWithSeparatorLinesAndNoLeadingMarker() {
        String documents = object("v1", "ConfigMap", "a") + "---\n" + object("v1", "ConfigMap", "b");

        String yaml = renderer.render(content(documents, "{}"), Map.of(), BUILT_INS).yaml();

        assertThat(yaml).isEqualTo(object("v1", "ConfigMap", "a") + "---\n" + object("v1", "ConfigMap", "b"));
    }

    @Test
    void keepsTheKeyOrderOfTheTemplate() {
        String documents = "metadata:\n  name: x\n  labels:\n    z: \"1\"\n    a: \"2\"\nkind: ConfigMap\napiVersion: v1\n";

        String yaml = renderer.render(content(documents, "{}"), Map.of(), BUILT_INS).yaml();

        assertThat(yaml).isEqualTo("metadata:\n  name: x\n  labels:\n    z: \"1\"\n    a: \"2\"\nkind: ConfigMap\napiVersion: v1\n");
    }

    @Test
    void rendersTheSameBytesEveryTime() {
        SimpleContent nginx = Fixtures.example("nginx-web");
        Map<String, Object> values = Map.of("replicas", 2, "image", "nginx:1.28");

        String first = renderer.render(nginx, values, BUILT_INS).yaml();
        String second = new TemplateRenderer().render(nginx, values, BUILT_INS).yaml();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theKeyOrderOfTheValuesDoesNotShowInTheOutput() {
        SimpleContent content = content(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {{ labels }}\ndata:\n  a: {{ a }}\n",
                "{\"labels\":{\"type\":\"object\"},\"a\":{\"type\":\"string\"}}");
        Map<String, Object> labels1 = new LinkedHashMap<>();
        labels1.put("tier", "web");
        labels1.put("app", "shop");
        Map<String, Object> values1 = new LinkedHashMap<>();
        values1.put("labels", labels1);
        values1.put("a", "x");
        Map<String, Object> labels2 = new LinkedHashMap<>();
        labels2.put("app", "shop");
        labels2.put("tier", "web");
        Map<String, Object> values2 = new LinkedHashMap<>();
        values2.put("a", "x");
        values2.put("labels", labels2);

        String first = renderer.render(content, values1, BUILT_INS).yaml();
        String second = renderer.render(content, values2, BUILT_INS).yaml();

        assertThat(first).isEqualTo(second).contains("  labels:\n    app: shop\n    tier: web\n");
    }

    @Test
    void givesEachManifestItsIdentityAndObject() {
        String documents = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: other\ndata:\n  k: v\n";

        RenderedManifest manifest = renderer.render(content(documents, "{}"), Map.of(), BUILT_INS).manifests().get(0);

        assertThat(manifest.apiVersion()).isEqualTo("v1");
        assertThat(manifest.kind()).isEqualTo("ConfigMap");
        assertThat(manifest.namespace()).isEqualTo("other");
        assertThat(manifest.name()).isEqualTo("x");
        assertThat(manifest.object()).containsEntry("data", Map.of("k", "v")).containsKeys("apiVersion", "kind", "metadata");
        assertThat(manifest.yaml()).isEqualTo(documents);
        assertThat(List.copyOf(manifest.object().keySet())).containsExactly("apiVersion", "kind", "metadata", "data");
    }

    @Test
    void replaysAliasesWithTheirAnchoredValues() {
        String documents = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: &labels\n    app: shop\n"
                + "  annotations: *labels\n";

        RenderedManifest manifest = renderer.render(content(documents, "{}"), Map.of(), BUILT_INS).manifests().get(0);

        assertThat(manifest.object().get("metadata"))
                .isEqualTo(Map.of("name", "x", "labels", Map.of("app", "shop"), "annotations", Map.of("app", "shop")));
    }
}
