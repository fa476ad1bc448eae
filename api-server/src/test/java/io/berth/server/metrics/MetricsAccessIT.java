package io.berth.server.metrics;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * Who reads the scrape while the actuator shares the API's port: a token whose role includes
 * {@code metrics}. A metrics token, a scraper's, reads nothing of the API; health stays open.
 */
class MetricsAccessIT extends ApiTestBase {

    @Test
    void theScrapeWithoutAValidTokenIsA401Problem() {
        assertProblem(api.get(MetricsIT.SCRAPE, null), 401, "unauthenticated");
        assertProblem(api.get(MetricsIT.SCRAPE, "berth_not-a-real-token"), 401, "unauthenticated");
    }

    @Test
    void aMetricsTokenReadsTheScrape() {
        Api.Reply scraped = api.get(MetricsIT.SCRAPE, tokenWithRole("metrics"));

        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(scraped.header("Content-Type")).startsWith("text/plain");
        assertThat(Scrape.parse(scraped.body()).names()).contains("berth_operations_total", "berth_operations_running");
    }

    @Test
    void everyRoleAboveMetricsReadsTheScrapeToo() {
        assertThat(api.get(MetricsIT.SCRAPE, tokenWithRole("viewer")).status()).isEqualTo(200);
        assertThat(api.get(MetricsIT.SCRAPE, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aMetricsTokenReadsNothingOfTheApiA403Problem() {
        String metrics = tokenWithRole("metrics");

        assertProblem(api.get("/api/v1/clusters", metrics), 403, "forbidden");
        assertProblem(api.get("/api/v1/applications", metrics), 403, "forbidden");
        assertProblem(api.get("/api/v1/operations", metrics), 403, "forbidden");
    }

    @Test
    void healthStaysOpenAndOtherActuatorEndpointsStayShut() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertProblem(api.get("/actuator/env", ADMIN_TOKEN), 403, "forbidden");
        assertProblem(api.get("/actuator/metrics", ADMIN_TOKEN), 403, "forbidden");
    }
}
