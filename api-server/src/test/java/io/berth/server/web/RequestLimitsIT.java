package io.berth.server.web;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests run with berth.max-request-size=64KB. */
class RequestLimitsIT extends ApiTestBase {

    @Test
    void bodyOverTheLimitIs413AndStoresNothing() {
        String name = unique("huge");
        String body = Api.JSON_BODY(name, "x".repeat(70 * 1024));

        Reply reply = api.raw("POST", "/api/v1/clusters", ADMIN_TOKEN, HttpRequest.BodyPublishers.ofString(body));

        assertProblem(reply, 413, "payload-too-large");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        String name = unique("chunked");
        byte[] body = Api.JSON_BODY(name, "y".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
        // An input-stream publisher has no known length, so the client sends the body chunked.
        Reply reply = api.raw("POST", "/api/v1/clusters", ADMIN_TOKEN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));

        assertProblem(reply, 413, "payload-too-large");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void bodyUnderTheLimitIsAccepted() {
        Reply reply = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("small"), "role", "viewer"));
        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void unsupportedMediaTypeAndMethodAreProblems() {
        assertProblem(api.post("/api/v1/tokens", ADMIN_TOKEN, "name=x", "Content-Type", "text/plain"), 415, "unsupported-media-type");
        assertProblem(api.put("/api/v1/tokens", ADMIN_TOKEN, List.of()), 405, "method-not-allowed");
    }

    /** Helpers local to this test. */
    private static final class Api {
        static String JSON_BODY(String name, String filler) {
            return "{\"name\":\"" + name + "\",\"kubeconfig\":\"" + filler + "\"}";
        }
    }
}
