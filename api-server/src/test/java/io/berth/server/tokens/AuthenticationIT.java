package io.berth.server.tokens;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationIT extends ApiTestBase {

    @Test
    void missingTokenIs401Problem() {
        Reply reply = api.get("/api/v1/clusters", null);

        assertProblem(reply, 401, "unauthenticated");
        assertThat(reply.json().get("detail").asString()).contains("Bearer");
    }

    @Test
    void unknownTokenIs401Problem() {
        assertProblem(api.get("/api/v1/clusters", "berth_not-a-real-token"), 401, "unauthenticated");
    }

    @Test
    void basicAuthIsNotAccepted() {
        Reply reply = api.raw("GET", "/api/v1/clusters", null, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertProblem(reply, 401, "unauthenticated");
    }

    @Test
    void expiredTokenIs401() {
        String secret = TokenSecrets.generate();
        jdbc.update("insert into api_token (id, name, role, token_hash, created_at, expires_at) values (?, ?, 'admin', ?, ?, ?)",
                UUID.randomUUID(), unique("expired"), TokenSecrets.hash(secret), Timestamp.from(Instant.now().minusSeconds(7200)),
                Timestamp.from(Instant.now().minusSeconds(60)));

        assertProblem(api.get("/api/v1/clusters", secret), 401, "unauthenticated");
    }

    @Test
    void tokenWithFutureExpiryWorks() {
        Reply created = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("soon"), "role", "viewer",
                "expiresAt", Instant.now().plusSeconds(3600).toString()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/clusters", created.json().get("token").asString()).status()).isEqualTo(200);
    }

    @Test
    void viewerReadsButCannotWrite() {
        String viewer = tokenWithRole("viewer");

        assertThat(api.get("/api/v1/clusters", viewer).status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/clusters", viewer, Map.of("name", unique("nope"), "kubeconfig", CLUSTERS.answeringKubeconfig())),
                403, "forbidden");
        assertProblem(api.get("/api/v1/tokens", viewer), 403, "forbidden");
        assertProblem(api.post("/api/v1/clusters/anything/probe", viewer, "{}"), 403, "forbidden");
    }

    @Test
    void operatorProbesButCannotManageClustersOrTokens() {
        String name = unique("op");
        register(name, CLUSTERS.answeringKubeconfig());
        String operator = tokenWithRole("operator");

        assertThat(api.post("/api/v1/clusters/" + name + "/probe", operator, "{}").status()).isEqualTo(200);
        assertProblem(api.delete("/api/v1/clusters/" + name, operator), 403, "forbidden");
        assertProblem(api.post("/api/v1/tokens", operator, Map.of("name", unique("x"), "role", "admin")), 403, "forbidden");
    }

    @Test
    void tokenValueIsShownOnlyOnCreateAndStoredOnlyAsAHash() {
        String name = unique("ci");
        Reply created = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "operator"));

        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        assertThat(secret).startsWith("berth_").hasSizeGreaterThanOrEqualTo(6 + 43);
        Reply listed = api.get("/api/v1/tokens?limit=500", ADMIN_TOKEN);
        assertThat(listed.body()).contains(name).doesNotContain(secret);
        assertThat(jdbc.queryForObject("select token_hash from api_token where name = ?", String.class, name))
                .isEqualTo(TokenSecrets.hash(secret)).doesNotContain(secret);
    }

    @Test
    void deletedTokenStopsWorking() {
        String name = unique("temp");
        String secret = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "viewer")).json().get("token").asString();
        assertThat(api.get("/api/v1/clusters", secret).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/tokens/" + name, ADMIN_TOKEN).status()).isEqualTo(204);

        assertProblem(api.get("/api/v1/clusters", secret), 401, "unauthenticated");
        assertProblem(api.delete("/api/v1/tokens/" + name, ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void aTokenIsReadFromTheDatabaseOnceAndThenRememberedForAFewSecondsAtMost() {
        String name = unique("remembered");
        String secret = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "viewer")).json().get("token").asString();
        assertThat(api.get("/api/v1/clusters", secret).status()).isEqualTo(200);

        // deleted as another Berth instance on the same database would: nothing here hears of it
        assertThat(jdbc.update("delete from api_token where name = ?", name)).isEqualTo(1);

        assertThat(api.get("/api/v1/clusters", secret).status()).as("checked from memory, not read again").isEqualTo(200);
        // berth.tokens.cache-for=3s in the tests
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/clusters", secret).status() == 401);
    }

    @Test
    void aRememberedTokenStillStopsAtItsExpiry() {
        Instant expiry = Instant.now().plusSeconds(2);
        String secret = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("brief"), "role", "viewer",
                "expiresAt", expiry.toString())).json().get("token").asString();
        assertThat(api.get("/api/v1/clusters", secret).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/clusters", secret).status() == 401);
        assertThat(Instant.now()).as("refused only once expired").isAfterOrEqualTo(expiry);
    }

    @Test
    void tokenRequestsAreValidated() {
        String name = unique("dup");
        api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "viewer"));

        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", name, "role", "viewer")), 409, "already-exists");
        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", "UPPER", "role", "viewer")), 422, "validation-failed");
        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("r"), "role", "root")), 400, "malformed-request");
        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("past"), "role", "viewer",
                "expiresAt", "2020-01-01T00:00:00Z")), 422, "validation-failed");
    }

    @Test
    void healthAndOpenApiAreOpenAndEverythingElseIsClosed() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        assertProblem(api.get("/actuator/env", null), 401, "unauthenticated");
        assertProblem(api.get("/actuator/env", ADMIN_TOKEN), 403, "forbidden");
    }

    @Test
    void requestIdIsEchoedOrCreated() {
        Reply given = api.raw("GET", "/api/v1/clusters/none", ADMIN_TOKEN, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(given.header("X-Request-Id")).isNotBlank();

        Reply echoed = api.delete("/api/v1/tokens/none", ADMIN_TOKEN, "X-Request-Id", "trace-42");
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42");
        assertThat(echoed.json().get("requestId").asString()).isEqualTo("trace-42");
    }
}
