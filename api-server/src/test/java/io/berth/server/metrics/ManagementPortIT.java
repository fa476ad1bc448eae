package io.berth.server.metrics;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code management.server.port}, the actuator has a port of its own: the scrape is open there (the
 * port is for scrapers), and the API's port serves no actuator endpoint, whatever the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "berth.clusters.probe-scheduler=false",
        "berth.embedded-database.durability=unsafe-fast-for-tests",
        "berth.bootstrap-token=" + ManagementPortIT.ADMIN_TOKEN,
})
class ManagementPortIT {

    static final String ADMIN_TOKEN = "berth_management-admin-token-0123456789abc";

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    /** This test runs its own application (another port layout), so it needs its own embedded database directory. */
    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "berth-management-");
        registry.add("berth.data-dir", dir::toString);
    }

    @Test
    void theScrapeIsOpenOnTheManagementPort() {
        Api management = new Api(managementPort);

        Api.Reply scraped = management.get(MetricsIT.SCRAPE, null);
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(Scrape.parse(scraped.body()).names()).contains("berth_operations_total", "berth_operations_running",
                "hikaricp_connections_max");
        assertThat(management.get("/actuator/health", null).status()).isEqualTo(200);
        assertProblem(management.get("/actuator/env", ADMIN_TOKEN), 403, "forbidden");
    }

    @Test
    void theApisPortServesNoActuatorEndpointButTheApi() {
        assertThat(port).isNotEqualTo(managementPort);
        Api main = new Api(port);

        assertProblem(main.get(MetricsIT.SCRAPE, null), 401, "unauthenticated");
        Api.Reply withToken = main.get(MetricsIT.SCRAPE, ADMIN_TOKEN);
        // not an actuator request on this port: the API's rules refuse it, as any path they do not know
        assertProblem(withToken, 403, "forbidden");
        assertThat(main.get("/actuator/health", null).status()).as("health moved with the actuator").isEqualTo(404);
        assertThat(main.get("/api/v1/clusters", ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(new Api(managementPort).get("/api/v1/clusters", ADMIN_TOKEN).status()).isEqualTo(404);
    }
}
