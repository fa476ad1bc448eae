package io.berth.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.FakeClusters;
import io.berth.server.testsupport.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Berth on an external PostgreSQL, as production runs it: a container of the image docker-compose.yml
 * uses. Runs wherever Docker answers; where none does (as on the development machines), JUnit reports
 * it skipped ("disabledWithoutDocker"), and the rest of the suite runs on the embedded server.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berth.clusters.probe-scheduler=false",
        "berth.bootstrap-token=" + PostgresContainerIT.TOKEN,
})
class PostgresContainerIT {

    static final String TOKEN = "berth_container-admin-token-0123456789abcde";
    private static final FakeClusters CLUSTERS = new FakeClusters();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        var postgres = TestDatabase.container();
        registry.add("spring.datasource.url", postgres::getJdbcUrl);
        registry.add("spring.datasource.username", postgres::getUsername);
        registry.add("spring.datasource.password", postgres::getPassword);
        registry.add("berth.encryption.key", () -> "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    @AfterAll
    static void stopClusters() {
        CLUSTERS.close();
    }

    @Test
    void migratesAnExternalDatabaseAndKeepsAClusterThere() {
        Api api = new Api(port);
        Api.Reply registered = api.post("/api/v1/clusters", TOKEN, Map.of("name", "external", "kubeconfig", CLUSTERS.answeringKubeconfig()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/clusters/external", TOKEN).json().get("status").asString()).isEqualTo("Ready");
    }
}
