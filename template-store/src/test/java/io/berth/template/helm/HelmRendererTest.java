package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.berth.template.BuiltIns;
import io.berth.template.HelmContent;
import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;
import io.berth.template.RenderException;
import io.berth.template.RenderedManifest;
import io.berth.template.RenderedManifests;

/** Rendering charts with Helm. Skipped only where helm-java has no native library for this platform on the class path. */
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class HelmRendererTest {

    private final HelmRenderer renderer = TestHelm.renderer();

    @Test
    void rendersWithTheChartsDefaults() {
        RenderedManifests result = renderer.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);

        assertThat(result.manifests()).extracting(RenderedManifest::kind).containsExactly("Service", "StatefulSet");
        RenderedManifest statefulSet = result.manifests().get(1);
        assertThat(statefulSet.apiVersion()).isEqualTo("apps/v1");
        assertThat(statefulSet.yaml()).contains("replicas: 3\n", "image: \"nginx:1.27\"\n", "storage: \"1Gi\"\n");
        assertThat(path(statefulSet.object(), "spec", "replicas")).isEqualTo(3);
    }

    @Test
    void rendersWithTheValuesGiven() {
        RenderedManifests result = renderer.render(TestCharts.web(),
                Map.of("replicas", 5, "image", "nginx:1.28"), TestCharts.BUILT_INS);

        RenderedManifest statefulSet = result.manifests().get(1);
        assertThat(path(statefulSet.object(), "spec", "replicas")).isEqualTo(5);
        assertThat(statefulSet.yaml()).contains("replicas: 5\n", "image: \"nginx:1.28\"\n");
    }

    @Test
    void appliesTheReleaseNameAndNamespace() {
        RenderedManifests result = renderer.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);

        RenderedManifest service = result.manifests().get(0);
        RenderedManifest statefulSet = result.manifests().get(1);
        assertThat(service.name()).isEqualTo("shop-nginx");
        assertThat(service.namespace()).isEqualTo("team-a");
        assertThat(path(service.object(), "metadata", "namespace")).isEqualTo("team-a");
        assertThat(statefulSet.name()).isEqualTo("shop-web");
        assertThat(statefulSet.namespace()).as("defaulted to the target").isEqualTo("team-a");
        assertThat(path(statefulSet.object(), "metadata")).asInstanceOf(MAP).doesNotContainKey("namespace");
        assertThat(path(statefulSet.object(), "spec", "serviceName")).isEqualTo("shop-nginx");
        assertThat(path(statefulSet.object(), "metadata", "labels", "app.kubernetes.io/instance")).isEqualTo("shop");
    }

    @Test
    void sortsInTheApplyOrderOfSimpleContent() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("templates/networkpolicy.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: {{ .Release.Name }}-web
                spec:
                  podSelector:
                    matchLabels:
                      app: nginx
                """);
        files.put("templates/clusterrole.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: {{ .Release.Name }}-reader
                rules: []
                """);

        RenderedManifests result = renderer.render(TestCharts.chart(files), Map.of(), TestCharts.BUILT_INS);

        // Helm itself puts NetworkPolicy first; Berth's order puts RBAC first and unknown kinds last
        assertThat(result.manifests()).extracting(RenderedManifest::kind)
                .containsExactly("ClusterRole", "Service", "StatefulSet", "NetworkPolicy");
        assertThat(result.manifests().get(0).namespace()).as("cluster-scoped").isNull();
        assertThat(result.manifests().get(3).namespace()).isEqualTo("team-a");
        assertThat(result.yaml()).isEqualTo(String.join("---\n",
                result.manifests().stream().map(RenderedManifest::yaml).toList()));
    }

    @Test
    void isDeterministic() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("replicas", 5);
        values.put("storageSize", "2Gi");
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("storageSize", "2Gi");
        reversed.put("replicas", 5);

        RenderedManifests first = renderer.render(TestCharts.web(), values, TestCharts.BUILT_INS);
        RenderedManifests second = renderer.render(TestCharts.web(), reversed, TestCharts.BUILT_INS);

        assertThat(second.yaml()).isEqualTo(first.yaml());
        assertThat(second.manifests()).isEqualTo(first.manifests());
    }

    @Test
    void writesWithTheStoresYamlWriterNotHelmsText() {
        RenderedManifests result = renderer.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);

        assertThat(result.yaml()).doesNotContain("# Source:", "has to match", "[ \"ReadWriteOnce\" ]")
                .contains("- ReadWriteOnce\n");
    }

    @Test
    void valuesThatBreakTheSchemaAreProblems() {
        Map<String, Object> values = Map.of("replicas", "five", "extra", true);

        assertThatThrownBy(() -> renderer.render(TestCharts.web(), values, TestCharts.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).isEqualTo("values"));
                    assertThat(e.problems()).extracting(p -> p.message()).containsExactlyInAnyOrder(
                            "(root): Additional property extra is not allowed",
                            "replicas: Invalid type. Expected: integer, given: string");
                });
    }

    @Test
    void aTemplateErrorNamesTheTemplate() {
        Map<String, Object> values = new HashMap<>();
        values.put("image", null); // null removes the chart's default, as in Helm

        assertThatThrownBy(() -> renderer.render(TestCharts.web(), values, TestCharts.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("web/templates/statefulset.yaml");
                            assertThat(p.message()).contains("image is required").doesNotContain("--debug");
                        }));
    }

    @Test
    void valuesAreDataNotTemplateOrSetSyntax() {
        String image = "nginx:1.27,replicas=9\n{{ .Release.Namespace }}";

        RenderedManifests result = renderer.render(TestCharts.web(), Map.of("image", image), TestCharts.BUILT_INS);

        RenderedManifest statefulSet = result.manifests().get(1);
        assertThat(path(statefulSet.object(), "spec", "replicas")).isEqualTo(3);
        assertThat(statefulSet.yaml()).contains("{{ .Release.Namespace }}");
    }

    @Test
    void anInvalidReleaseNameIsAProblem() {
        BuiltIns builtIns = new BuiltIns("Shop_1", "team-a", "eu-1", Map.of());

        assertThatThrownBy(() -> renderer.render(TestCharts.web(), Map.of(), builtIns))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p.message()).contains("invalid release name")));
    }

    @Test
    void renderedObjectsFollowTheManifestRules() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("templates/copy.yaml", TestCharts.SERVICE);
        files.put("templates/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Name\n");

        assertThatThrownBy(() -> renderer.render(TestCharts.chart(files), Map.of(), TestCharts.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message())
                                .startsWith("(from web/templates/bad.yaml)").contains("DNS-1123"))
                        .anySatisfy(p -> assertThat(p.message()).contains("is already defined")));
    }

    @Test
    void aChartThatRendersNothingIsAProblem() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("templates/statefulset.yaml", "{{- if false }}\n" + TestCharts.STATEFUL_SET + "{{- end }}\n");
        files.put("templates/service.yaml", "# nothing\n");

        assertThatThrownBy(() -> renderer.render(TestCharts.chart(files), Map.of(), TestCharts.BUILT_INS))
                .isInstanceOf(RenderException.class).hasMessageContaining("the chart renders no documents");
    }

    @Test
    void rendersAChartPackagedByHelm() throws IOException {
        // written by `helm create demo` and `helm package demo` of Helm 3.16 (helm-java 0.0.15)
        HelmContent content;
        try (InputStream in = HelmRendererTest.class.getResourceAsStream("/charts/demo-0.1.0.tgz")) {
            content = new HelmContent(in.readAllBytes());
        }

        assertThat(content.chart().name()).isEqualTo("demo");
        assertThat(content.chart().valuesSchemaJson()).isNull();
        assertThat(content.chart().defaults()).containsEntry("replicaCount", 1);
        RenderedManifests result = renderer.render(content, Map.of("replicaCount", 2), TestCharts.BUILT_INS);
        assertThat(result.manifests()).extracting(RenderedManifest::kind)
                .containsExactly("ServiceAccount", "Service", "Deployment");
        assertThat(result.manifests()).extracting(RenderedManifest::name).containsOnly("shop-demo");
        assertThat(renderer.lint(content)).isEmpty();
    }

    @Test
    void concurrentRendersDoNotShareFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RenderedManifests>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                BuiltIns builtIns = new BuiltIns("app-" + i, "ns-" + i, "eu-1", Map.of());
                int replicas = i;
                futures.add(pool.submit(() -> renderer.render(TestCharts.web(), Map.of("replicas", replicas), builtIns)));
            }
            for (int i = 0; i < futures.size(); i++) {
                RenderedManifests result = futures.get(i).get();
                RenderedManifests alone = renderer.render(TestCharts.web(), Map.of("replicas", i),
                        new BuiltIns("app-" + i, "ns-" + i, "eu-1", Map.of()));
                assertThat(result.yaml()).isEqualTo(alone.yaml()).contains("name: app-" + i + "-web\n",
                        "replicas: " + i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletesItsTemporaryFiles() throws IOException {
        List<Path> before = temporaryDirectories();

        try (HelmWorkers workers = new HelmWorkers(HelmLimits.DEFAULT)) {
            HelmRenderer own = new HelmRenderer(workers);
            own.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);
            assertThatThrownBy(() -> own.render(TestCharts.web(), Map.of("replicas", "x"), TestCharts.BUILT_INS))
                    .isInstanceOf(RenderException.class);
            own.lint(TestCharts.web());

            assertThat(temporaryDirectories()).as("no chart workspace is left, only the worker's own directory")
                    .filteredOn(p -> !before.contains(p))
                    .singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("berth-helm-worker-"));
        }

        assertThat(temporaryDirectories()).as("the worker's home and temporary files are gone with it")
                .isSubsetOf(before);
    }

    /** Chart workspaces and workers' directories; the runtime's copy of Helm's library stays for the JVM. */
    private static List<Path> temporaryDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith("berth-helm-") && !name.startsWith("berth-helm-runtime-"))
                    .map(name -> Path.of(System.getProperty("java.io.tmpdir"), name)).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
