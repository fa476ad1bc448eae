package io.berth.client;

import io.berth.client.api.ClustersApi;
import io.berth.client.model.Cluster;
import io.berth.client.model.RegisterCluster;
import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.BerthApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the clients' tests: Berth itself, started in the test's JVM from the api-server's jar on the
 * class path (on a random port, with its embedded PostgreSQL and a data directory of its own), and
 * simulated clusters to register in it. One Berth and one simulator serve every test class of the JVM
 * (Spring's test context cache keeps the application), so tests name what they create uniquely. The
 * tests reach Berth over HTTP only, through a generated client, as any user of a client would.
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
abstract class ClientTestBase {

    /** The admin token Berth is started with; a client sends it as its bearer token. */
    static final String ADMIN_TOKEN = "berth_client-test-admin-token-0123456789abcdef";

    private static final Path DATA_DIR = newDataDirectory();
    private static KubeSim sim;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("berth.data-dir", DATA_DIR::toString);
    }

    /** Where Berth answers, as a client is configured with it. */
    String berthUrl() {
        return "http://localhost:" + port;
    }

    /** A Java client of this Berth, sending the admin token. */
    ApiClient javaClient() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(berthUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + ADMIN_TOKEN));
        return client;
    }

    /** Starts a simulated cluster with a unique name and registers it in Berth. */
    Cluster newCluster(String prefix) throws ApiException {
        SimulatedCluster cluster = sim().startCluster(unique(prefix));
        return new ClustersApi(javaClient()).registerCluster(new RegisterCluster().name(cluster.name())
                .kubeconfig(cluster.kubeconfig()).labels(Map.of("env", "test")));
    }

    private static synchronized KubeSim sim() {
        if (sim == null) {
            // the clusters live as long as the JVM, like the Berth they are registered in
            sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(20)));
        }
        return sim;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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
