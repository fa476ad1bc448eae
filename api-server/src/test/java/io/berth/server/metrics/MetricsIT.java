package io.berth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.EventStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What {@code /actuator/prometheus} says after real work on simulated clusters, as a scraper reads it. */
class MetricsIT extends ApplicationTestBase {

    static final String SCRAPE = "/actuator/prometheus";

    @Test
    void aDeployIsCountedByTypeAndResultItsStepTimedAndItsClusterShownReadyAndWatched() {
        String cluster = newCluster("metrics");
        Scrape before = scrape();
        String app = unique("web");

        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));

        // the end is counted once its record is committed: a reader may see Succeeded a moment before
        double deploys = before.valueOrZero("berth_operations_total", "type", "Deploy", "result", "Succeeded");
        Scrape after = awaitScrape(s -> s.valueOrZero("berth_operations_total", "type", "Deploy", "result", "Succeeded") > deploys);
        assertThat(increase(before, after, "berth_operations_total", "type", "Deploy", "result", "Succeeded")).isEqualTo(1);
        assertThat(increase(before, after, "berth_operations_total", "type", "Deploy", "result", "Failed")).isZero();
        assertThat(increase(before, after, "berth_operation_duration_seconds_count", "type", "Deploy", "result", "Succeeded"))
                .isEqualTo(1);
        assertThat(increase(before, after, "berth_step_duration_seconds_count", "action", "Apply", "result", "Succeeded"))
                .isEqualTo(1);
        assertThat(after.value("berth_step_duration_seconds_bucket", "action", "Apply", "result", "Succeeded", "le", "+Inf"))
                .hasValue(after.valueOrZero("berth_step_duration_seconds_count", "action", "Apply", "result", "Succeeded"));
        assertThat(increase(before, after, "berth_step_attempts_count", "action", "Apply", "result", "Succeeded")).isEqualTo(1);
        assertThat(increase(before, after, "berth_step_attempts_sum", "action", "Apply", "result", "Succeeded")).isEqualTo(1);
        assertThat(after.value("berth_operations_running")).isPresent();

        assertThat(after.value("berth_cluster_status", "cluster", cluster, "status", "Ready")).hasValue(1);
        assertThat(after.matching("berth_cluster_status", "cluster", cluster)).hasSize(5)
                .filteredOn(s -> !s.labels().get("status").equals("Ready")).allMatch(s -> s.value() == 0);
        assertThat(after.valueOrZero("berth_cluster_probe_duration_seconds_count", "cluster", cluster, "status", "Ready"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("berth_apply_errors_total", "cluster", cluster)).as("created at 0 with the cluster").hasValue(0);

        Scrape watched = awaitScrape(s -> s.valueOrZero("berth_watch_objects", "cluster", cluster) > 0);
        // the StatefulSet, its Service and its pods
        assertThat(watched.value("berth_watch_kinds", "cluster", cluster)).hasValue(3);
        assertThat(watched.value("berth_watch_connected", "cluster", cluster)).hasValue(1);
        assertThat(watched.value("berth_watch_reconnects_total", "cluster", cluster)).hasValue(0);
        assertThat(watched.value("berth_watch_relists_total", "cluster", cluster)).hasValue(0);
    }

    @Test
    void anUnreachableClusterCountsItsApplyErrorsTheRetriesAndAFailedDeployAndShowsItsStatus() {
        String cluster = newCluster("metrics-away");
        simulated(cluster).faults().unreachable();
        try {
            Scrape before = scrape();
            JsonNode ended = awaitEnd(deploy(Map.of("name", unique("web"), "templateSet", "nginx-web", "version", "1.0.0",
                    "targets", List.of(target(cluster, "web")))));
            assertThat(ended.get("state").asString()).isEqualTo("Failed");

            double failures = before.valueOrZero("berth_operations_total", "type", "Deploy", "result", "Failed");
            Scrape after = awaitScrape(s -> s.valueOrZero("berth_operations_total", "type", "Deploy", "result", "Failed") > failures);
            assertThat(increase(before, after, "berth_operations_total", "type", "Deploy", "result", "Failed")).isEqualTo(1);
            // berth.operations.max-attempts=3 in the tests: three applies failed, two of them were retried
            assertThat(increase(before, after, "berth_apply_errors_total", "cluster", cluster)).isEqualTo(3);
            assertThat(increase(before, after, "berth_step_retries_total", "action", "Apply")).isGreaterThanOrEqualTo(2);
            assertThat(increase(before, after, "berth_step_attempts_count", "action", "Apply", "result", "Failed"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(after.value("berth_step_attempts_max", "action", "Apply", "result", "Failed")).hasValue(3);

            assertThat(api.post("/api/v1/clusters/" + cluster + "/probe", ADMIN_TOKEN, Map.of()).status()).isEqualTo(200);
            Scrape probed = awaitScrape(s -> s.valueOrZero("berth_cluster_status", "cluster", cluster, "status", "Unreachable") == 1);
            assertThat(probed.value("berth_cluster_status", "cluster", cluster, "status", "Ready")).hasValue(0);
            assertThat(probed.valueOrZero("berth_cluster_probe_duration_seconds_count", "cluster", cluster, "status", "Unreachable"))
                    .isGreaterThanOrEqualTo(1);
        } finally {
            simulated(cluster).faults().reachable();
        }
    }

    @Test
    void aWatchLostForLongerThanStaleAfterIsCountedAsReconnectedAndListedAgain() {
        String cluster = newCluster("metrics-watch");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true)));
        awaitScrape(s -> s.valueOrZero("berth_watch_connected", "cluster", cluster) == 1);

        simulated(cluster).faults().unreachable();
        try {
            awaitScrape(s -> s.value("berth_watch_connected", "cluster", cluster).orElse(-1) == 0);
            // berth.status.stale-after=5s in the tests: once Stale, the outage is long enough for a fresh list
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> application(app).get("targets").get(0).get("health").asString().equals("Stale"));
        } finally {
            simulated(cluster).faults().reachable();
        }

        Scrape back = awaitScrape(s -> s.valueOrZero("berth_watch_relists_total", "cluster", cluster) > 0);
        assertThat(back.value("berth_watch_reconnects_total", "cluster", cluster)).hasValue(1);
        assertThat(back.value("berth_watch_relists_total", "cluster", cluster)).hasValue(1);
        // listing afresh opens the watches again
        awaitScrape(s -> s.valueOrZero("berth_watch_connected", "cluster", cluster) == 1);
    }

    @Test
    void anOpenStreamIsASubscriberUntilItsReaderGoes() {
        double before = scrape().valueOrZero("berth_stream_subscribers");
        try (EventStream stream = EventStream.open(port, "/api/v1/stream", ADMIN_TOKEN)) {
            assertThat(stream.status()).isEqualTo(200);
            awaitScrape(s -> s.valueOrZero("berth_stream_subscribers") == before + 1);
        }
        // the stream notices its reader gone at the next write, a keep-alive at the latest
        awaitScrape(s -> s.valueOrZero("berth_stream_subscribers") == before);
    }

    @Test
    void theDatabasePoolIsInstrumented() {
        Scrape scrape = scrape();

        assertThat(scrape.matching("hikaricp_connections_max")).isNotEmpty().allMatch(s -> s.value() > 0);
        assertThat(scrape.matching("hikaricp_connections_active")).isNotEmpty();
        assertThat(scrape.matching("hikaricp_connections_pending")).isNotEmpty();
    }

    private Scrape scrape() {
        Api.Reply reply = api.get(SCRAPE, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Scrape.parse(reply.body());
    }

    private Scrape awaitScrape(java.util.function.Predicate<Scrape> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::scrape, condition);
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }
}
