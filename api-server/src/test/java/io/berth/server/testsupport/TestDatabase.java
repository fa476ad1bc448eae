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
        String url = freshDatabase(postgres);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", postgres::getUsername);
        registry.add("spring.datasource.password", postgres::getPassword);
        registry.add("berth.encryption.key", () -> "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    }

    /**
     * A database of its own in the container for each application context: two contexts on one database
     * would be two Berth replicas sharing its clusters (each watching only its share).
     */
    private static String freshDatabase(PostgreSQLContainer postgres) {
        String name = "berth_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(postgres.getJdbcUrl(),
                postgres.getUsername(), postgres.getPassword());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create a database in the PostgreSQL container", e);
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + name;
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
