package io.berth.server.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Checks that a reply is a well-formed Berth problem of the given status and type. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:berth:problem:" + type);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/");
        assertThat(problem.get("requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
