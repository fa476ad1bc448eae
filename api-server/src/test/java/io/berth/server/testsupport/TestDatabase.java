package io.berth.server.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one switch between the embedded PostgreSQL (the default, which needs nothing) and a PostgreSQL
 * container (needs Docker): {@code ./mvnw verify -Dberth.test.database=container}. Asked for without a
 * Docker engine, the switch fails the run instead of quietly falling back to the embedded server.
 */
public final class TestDatabase {

    /** The image the container runs; the same major version as the embedded server and docker-compose.yml. */
    static final String IMAGE = "postgres:17";

    private static PostgreSQLContainer container;

    private TestDatabase() {
    }

    public static boolean containerRequested() {
        return "container".equals(System.getProperty("berth.test.database", "embedded"));
    }

    /** Points the application at the container when the switch asks for it; otherwise adds nothing. */
    public static void register(DynamicPropertyRegistry registry) {
        if (!containerRequested()) {
            return;
        }
        PostgreSQLContainer postgres = container();
        registry.add("spring.datasource.url", postgres::getJdbcUrl);
        registry.add("spring.datasource.username", postgres::getUsername);
        registry.add("spring.datasource.password", postgres::getPassword);
        registry.add("berth.encryption.key", () -> "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    /** One container for the whole test JVM, as the embedded server is one per Spring context. */
    public static synchronized PostgreSQLContainer container() {
        if (container == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("berth.test.database=container needs a Docker engine, and none answers here");
            }
            container = new PostgreSQLContainer(IMAGE);
            container.start();
        }
        return container;
    }
}
