package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.berth.template.HelmContent;
import io.berth.template.RenderException;

/** Reading a chart's description from its archive, in memory (no Helm needed). */
class HelmContentTest {

    @Test
    void readsNameVersionSchemaAndValuesFromTheArchive() {
        HelmContent.Chart chart = TestCharts.web().chart();

        assertThat(chart.name()).isEqualTo("web");
        assertThat(chart.version()).isEqualTo("0.1.0");
        assertThat(chart.valuesSchemaJson()).isEqualTo(TestCharts.VALUES_SCHEMA);
        assertThat(chart.valuesYaml()).isEqualTo(TestCharts.VALUES_YAML);
        assertThat(chart.defaults()).containsExactly(
                Map.entry("replicas", 3), Map.entry("image", "nginx:1.27"),
                Map.entry("storageSize", "1Gi"), Map.entry("storageClassName", "standard"));
    }

    @Test
    void schemaAndValuesAreNullWhenTheChartHasNone() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.remove("values.schema.json");
        files.remove("values.yaml");

        HelmContent.Chart chart = TestCharts.chart(files).chart();

        assertThat(chart.valuesSchemaJson()).isNull();
        assertThat(chart.valuesYaml()).isNull();
        assertThat(chart.defaults()).isEmpty();
    }

    @Test
    void aMissingVersionIsNull() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.put("Chart.yaml", "apiVersion: v2\nname: web\n");

        assertThat(TestCharts.chart(files).chart().version()).isNull();
    }

    @Test
    void aChartWithoutChartYamlIsRefused() {
        Map<String, String> files = new LinkedHashMap<>(TestCharts.webFiles());
        files.remove("Chart.yaml");

        assertThatThrownBy(() -> TestCharts.chart(files).chart())
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("Chart.yaml");
                            assertThat(p.message()).contains("no Chart.yaml");
                        }));
    }

    @Test
    void readsLongNamesFromPaxRecordsGnuRecordsAndUstarPrefixes() {
        String directory = "web-" + "x".repeat(120);
        TestCharts.Tar pax = new TestCharts.Tar();
        TestCharts.webFiles().forEach((path, text) -> pax.file(directory + "/" + path, text));

        TestCharts.Tar gnu = new TestCharts.Tar();
        TestCharts.webFiles().forEach((path, text) -> gnu.gnuLongName(directory + "/" + path, text));

        TestCharts.Tar prefixed = new TestCharts.Tar();
        TestCharts.webFiles().forEach((path, text) -> prefixed.ustarPrefix(directory, path, text));

        for (TestCharts.Tar tar : new TestCharts.Tar[] {pax, gnu, prefixed}) {
            HelmContent.Chart chart = new HelmContent(tar.gzip()).chart();
            assertThat(chart.name()).isEqualTo("web");
            assertThat(chart.valuesSchemaJson()).isEqualTo(TestCharts.VALUES_SCHEMA);
        }
    }

    @Test
    void keepsItsOwnCopyAndComparesByContent() {
        byte[] bytes = TestCharts.web().chartArchive();
        HelmContent content = new HelmContent(bytes);
        bytes[0] = 0;

        assertThat(content).isEqualTo(TestCharts.web()).hasSameHashCodeAs(TestCharts.web());
        assertThat(content.chart().name()).isEqualTo("web");
        assertThat(content.size()).isEqualTo(bytes.length);
    }
}
