package io.berth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests that Tomcat or Spring Security's firewall refuse before any controller sees them, sent as raw
 * bytes (java.net.http would normalise or refuse them): every answer is a Berth problem, never an HTML
 * page or Spring Boot's default error body.
 */
class HostileRequestsIT extends ApiTestBase {

    private static final String AUTH = "Authorization: Bearer " + ADMIN_TOKEN;

    @LocalServerPort
    private int port;

    private RawHttp raw;

    @BeforeEach
    void rawClient() {
        raw = new RawHttp(port);
    }

    @Test
    void encodedSlashInPathIsAProblem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters/a%2Fb", AUTH), 400, "malformed-request");
        assertThat(problem.get("detail").asString()).contains("encoded slash (%2F)");
    }

    @Test
    void nulInPathIsAProblem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters/a%00b", AUTH), 400, "malformed-request");
        assertThat(problem.get("detail").asString()).contains("NUL");
    }

    @Test
    void malformedEscapeInPathIsAProblem() {
        assertProblem(raw.send("GET", "/api/v1/clusters/%ZZ", AUTH), 400, "malformed-request");
    }

    @Test
    void encodedDotSegmentInPathIsAProblem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters/%2e%2e/tokens", AUTH), 400, "malformed-request");
        assertThat(problem.get("detail").asString()).contains("encoded dot");
    }

    @Test
    void pathParameterIsAProblem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters;jsessionid=0123456789ABCDEF", AUTH), 400,
                "malformed-request");
        assertThat(problem.get("detail").asString()).contains("path parameter");
    }

    @Test
    void emptyPathSegmentIsAProblem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1//clusters", AUTH), 400, "malformed-request");
        assertThat(problem.get("detail").asString()).contains("'//'");
    }

    @Test
    void traceIsAMethodNotAllowedProblem() {
        RawHttp.Response reply = raw.send("TRACE", "/api/v1/clusters", AUTH);

        JsonNode problem = assertProblem(reply, 405, "method-not-allowed");
        assertThat(problem.get("detail").asString()).contains("TRACE");
        assertThat(reply.body()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void unknownMethodIsAMethodNotAllowedProblem() {
        assertProblem(raw.send("BREW", "/api/v1/clusters", AUTH), 405, "method-not-allowed");
    }

    @Test
    void headerOver8KbIsA431Problem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters", AUTH, "X-Filler: " + "b".repeat(20 * 1024)),
                431, "headers-too-large");
        assertThat(problem.get("detail").asString()).contains("8192 bytes");
    }

    @Test
    void urlOver8KbIsA414Problem() {
        JsonNode problem = assertProblem(raw.send("GET", "/api/v1/clusters?labelSelector=" + "a".repeat(20 * 1024), AUTH),
                414, "uri-too-long");
        assertThat(problem.get("detail").asString()).contains("8192 bytes");
    }

    @Test
    void requestThatIsNotHttpIsAProblem() {
        assertProblem(raw.exchange("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400, "malformed-request");
    }

    @Test
    void errorPageCalledDirectlyIsNotFound() {
        assertProblem(raw.send("GET", "/error"), 404, "not-found");
        assertProblem(raw.send("POST", "/error", AUTH, "Content-Length: 0"), 404, "not-found");
    }

    @Test
    void theCallersRequestIdIsKeptWhenTomcatRefuses() {
        RawHttp.Response reply = raw.send("GET", "/api/v1/clusters/a%2Fb", "X-Request-Id: hostile-42");

        assertProblem(reply, 400, "malformed-request");
        assertThat(reply.header("X-Request-Id")).isEqualTo("hostile-42");
    }

    /** Checks a well-formed problem and that nothing of Tomcat, Spring or Java shows through; returns it. */
    private static JsonNode assertProblem(RawHttp.Response reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(reply.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:berth:problem:" + type);
        assertThat(problem.get("title").asString()).isEqualTo(ProblemType.valueOf(type.toUpperCase().replace('-', '_')).title());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/");
        assertThat(problem.get("requestId").asString()).isNotBlank().isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.body().toLowerCase()).doesNotContain("<html").doesNotContain("<!doctype").doesNotContain("tomcat")
                .doesNotContain("exception").doesNotContain("org.apache").doesNotContain("springframework")
                .doesNotContain("java.").doesNotContain("\tat ").doesNotContain("\"timestamp\"");
        return problem;
    }
}
