package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/grafana-dashboard.json reads only metrics Berth exports, and shows every one of Berth's own; and
 * docs/metrics.md describes every one of them. Both are compared with a real scrape taken after a deploy
 * to a simulated cluster.
 */
class GrafanaDashboardIT extends ApplicationTestBase {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json");
    private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");
    private static Scrape afterADeploy;
    /** The series a meter exports besides its own name: a timer's or summary's buckets, count, sum and max. */
    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    @Test
    void everyQueryOfTheDashboardNamesMetricsOfARealScrapeAndEveryBerthMeterHasAPanel() {
        Scrape scrape = scrapeAfterADeploy();
        JsonNode dashboard = Api.JSON.readTree(DASHBOARD.toFile());

        Set<String> used = new TreeSet<>();
        expressions(dashboard).forEach(expr -> used.addAll(PromQl.metricNames(expr)));
        dashboard.get("templating").get("list").forEach(variable ->
                used.addAll(PromQl.variableMetricNames(variable.get("query").get("query").asString())));

        assertThat(used).as("metrics the dashboard reads").isNotEmpty();
        assertThat(scrape.names()).as("the scrape").containsAll(used);
        Set<String> berthFamilies = new TreeSet<>();
        scrape.names().stream().filter(name -> name.startsWith("berth_")).map(GrafanaDashboardIT::family)
                .forEach(berthFamilies::add);
        Set<String> shownFamilies = new TreeSet<>();
        used.stream().map(GrafanaDashboardIT::family).forEach(shownFamilies::add);
        assertThat(berthFamilies).as("Berth's meters").contains("berth_operations_total", "berth_cluster_status");
        assertThat(shownFamilies).as("meters with a panel").containsAll(berthFamilies);
    }

    @Test
    void docsMetricsDescribesEveryBerthMeterOfTheScrape() throws java.io.IOException {
        String described = java.nio.file.Files.readString(METRICS_DOC);
        Set<String> berthFamilies = new TreeSet<>();
        scrapeAfterADeploy().names().stream().filter(name -> name.startsWith("berth_")).map(GrafanaDashboardIT::family)
                .forEach(berthFamilies::add);

        assertThat(berthFamilies).isNotEmpty().allSatisfy(family -> assertThat(described).contains("`" + family + "`"));
    }

    @Test
    void theDashboardImportsWithAPrometheusDataSourceOfTheImportersChoice() {
        JsonNode dashboard = Api.JSON.readTree(DASHBOARD.toFile());

        assertThat(dashboard.get("schemaVersion").asInt()).isEqualTo(39);
        assertThat(dashboard.get("__inputs").get(0).get("name").asString()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.get("__inputs").get(0).get("pluginId").asString()).isEqualTo("prometheus");
        List<JsonNode> queried = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            if (panel.has("targets")) {
                queried.add(panel);
            }
        });
        assertThat(queried).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
            panel.get("targets").forEach(target ->
                    assertThat(target.get("datasource").get("uid").asString()).isEqualTo("${DS_PROMETHEUS}"));
        });
    }

    /** One deploy serves every test of this class: the meters are the same whoever looks at them. */
    private Scrape scrapeAfterADeploy() {
        if (afterADeploy == null) {
            afterADeploy = deployAndScrape();
        }
        return afterADeploy;
    }

    private Scrape deployAndScrape() {
        String cluster = newCluster("dashboard");
        awaitSucceeded(deploy(Map.of("name", unique("web"), "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));
        // the watch's meters appear once the tracker watches the new target's cluster
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Scrape.parse(api.get(MetricsIT.SCRAPE, ADMIN_TOKEN).body()),
                        s -> s.valueOrZero("berth_watch_objects", "cluster", cluster) > 0
                                && s.value("berth_operation_duration_seconds_count", "type", "Deploy", "result", "Succeeded")
                                .isPresent());
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            if (panel.has("targets")) {
                panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
            }
        });
        return expressions;
    }

    private static String family(String name) {
        for (String suffix : SERIES_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
