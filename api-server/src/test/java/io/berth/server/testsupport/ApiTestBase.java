package io.berth.server.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API tests: the whole application on embedded PostgreSQL (one context, shared by every
 * subclass through Spring's context cache), real HTTP, and fake clusters to register.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berth.clusters.probe-scheduler=false",
        "berth.embedded-database.durability=unsafe-fast-for-tests",
        "berth.clusters.probe-timeout=3s",
        "berth.max-request-size=64KB",
        "berth.templates.max-version-bytes=48KB",
        "berth.bootstrap-token=" + ApiTestBase.ADMIN_TOKEN,
        "berth.tokens.cache-for=3s",
        "berth.operations.poll-interval=200ms",
        "berth.operations.lease-duration=3s",
        "berth.operations.max-attempts=3",
        "berth.operations.retry-initial-delay=200ms",
        "berth.operations.retry-max-delay=1s",
        "berth.operations.readiness-poll=100ms",
        "berth.operations.crd-timeout=10s",
        "berth.status.refresh-interval=300ms",
        "berth.status.check-interval=200ms",
        "berth.status.stale-after=5s",
        "berth.metrics.refresh-interval=300ms",
        "berth.backups.observe-every=300ms",
        "berth.stream.keep-alive=1s",
        "berth.stream.max-replay=200",
        "berth.cors.allowed-origins=" + ApiTestBase.PORTAL_ORIGIN,
})
public abstract class ApiTestBase {

    public static final String ADMIN_TOKEN = "berth_test-admin-token-0123456789abcdefghij";
    /** The one browser origin the tests' Berth allows. */
    public static final String PORTAL_ORIGIN = "https://portal.example.com";
    protected static final FakeClusters CLUSTERS = new FakeClusters();

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected org.springframework.jdbc.core.JdbcTemplate jdbc;

    protected Api api;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("berth.data-dir", DATA_DIR::toString);
        TestDatabase.register(registry);
        // single sign-on against the tests' own identity provider, beside Berth's tokens in every test
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestIdentityProvider::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
        registry.add("berth.oidc.bindings[0].group", () -> "platform-admins");
        registry.add("berth.oidc.bindings[0].role", () -> "admin");
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterAll
    static void keepClustersForOtherClasses() {
        // the fake clusters live as long as the JVM: the cached Spring context refers to their ports
    }

    /** A unique DNS-1123 name, so that test methods do not see each other's resources. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a token with the role and returns its value. */
    protected String tokenWithRole(String role) {
        Api.Reply reply = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique(role), "role", role));
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create token: " + reply);
        }
        return reply.json().get("token").asString();
    }

    protected JsonNode register(String name, String kubeconfig) {
        Api.Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", kubeconfig));
        if (reply.status() != 201) {
            throw new IllegalStateException("could not register cluster: " + reply);
        }
        return reply.json();
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "berth-test-data-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
