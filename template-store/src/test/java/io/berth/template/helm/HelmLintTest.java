package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.berth.template.HelmRenderer;

/** {@code helm lint} as a publish rule. Skipped only where helm-java has no native library for this platform on the class path. */
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class HelmLintTest {

    private final HelmRenderer renderer = TestHelm.renderer();

    @Test
    void theWebChartLintsClean() {
        // Helm reports "[INFO] Chart.yaml: icon is recommended" for this chart: information is left out
        assertThat(renderer.lint(TestCharts.web())).isEmpty();
    }

    @Test
    void aMissingChartVersionIsAnError() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("Chart.yaml", "apiVersion: v2\nname: web\n");

        assertThat(renderer.lint(TestCharts.chart(files))).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("Chart.yaml");
            assertThat(p.message()).isEqualTo("version is required");
        }).allSatisfy(p -> assertThat(p.message()).doesNotContain("berth-helm-", "/tmp"));
    }

    @Test
    void templateErrorsNameTheTemplate() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("templates/broken.yaml", "data: {{ nosuchfunction 1 }}\n");

        assertThat(renderer.lint(TestCharts.chart(files))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("web/templates/broken.yaml");
            assertThat(p.message()).contains("function \"nosuchfunction\" not defined");
        });
    }

    @Test
    void defaultsThatBreakTheSchemaAreErrors() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("values.yaml", TestCharts.VALUES_YAML.replace("replicas: 3", "replicas: three"));

        assertThat(renderer.lint(TestCharts.chart(files))).isNotEmpty()
                .anySatisfy(p -> assertThat(p.message()).contains("replicas: Invalid type"));
    }

    @Test
    void aLibraryChartIsAProblem() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("Chart.yaml", TestCharts.CHART_YAML + "type: library\n");

        assertThat(renderer.lint(TestCharts.chart(files))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("Chart.yaml");
            assertThat(p.message()).contains("library charts cannot be rendered");
        });
    }

    @Test
    void aChartWithoutChartYamlIsAnError() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.remove("Chart.yaml");

        assertThat(renderer.lint(TestCharts.chart(files))).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).doesNotContain("berth-helm-"))
                .anySatisfy(p -> assertThat(p.message()).contains("Chart.yaml"));
    }
}
