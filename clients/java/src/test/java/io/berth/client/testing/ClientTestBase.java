package io.berth.client.testing;

import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.junit.SimulatedClusters;
import io.berth.server.BerthApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the clients' tests: Berth itself, started in the test's JVM from the api-server's jar on the
 * class path (on a random port, with its embedded PostgreSQL and a data directory of its own), and two
 * simulated clusters to register in it. The tests reach Berth over HTTP only, through a generated client,
 * as any user of the client would.
 */
@SpringBootTest(classes = BerthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berth.bootstrap-token=" + ClientTestBase.ADMIN_TOKEN,
        "berth.clusters.probe-scheduler=false",
        "berth.embedded-database.durability=unsafe-fast-for-tests",
        "berth.operations.poll-interval=200ms",
        "berth.operations.readiness-poll=100ms",
        "berth.status.refresh-interval=300ms",
        "berth.status.check-interval=200ms",
})
@SimulatedClusters(count = 2, readinessDelayMillis = 20)
public abstract class ClientTestBase {

    /** The admin token Berth is started with; a client sends it as its bearer token. */
    public static final String ADMIN_TOKEN = "berth_client-test-admin-token-0123456789abcdef";

    // one directory for the JVM, like the Spring context that Spring's test cache keeps for every test class
    private static final Path DATA_DIR = newDataDirectory();

    /** Filled by the simulated clusters' extension: sim-1 and sim-2, not yet registered in Berth. */
    protected List<SimulatedCluster> clusters;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("berth.data-dir", DATA_DIR::toString);
    }

    /** Where Berth answers, as a client is configured with it. */
    protected String berthUrl() {
        return "http://localhost:" + port;
    }

    private static Path newDataDirectory() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "berth-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
