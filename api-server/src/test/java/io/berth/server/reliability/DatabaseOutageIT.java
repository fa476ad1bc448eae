package io.berth.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.database.embedded.EmbeddedPostgresServer;
import io.berth.server.testsupport.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The database paused (every PostgreSQL process stopped with SIGSTOP, as a hung server or a network
 * partition looks to Berth) and resumed: requests get a 503 problem with Retry-After within seconds,
 * readiness goes DOWN, an operation under way is neither failed nor blamed on its cluster, and
 * everything resumes by itself when the database returns.
 */
class DatabaseOutageIT extends ApplicationTestBase {

    @Autowired
    private EmbeddedPostgresServer postgres;

    @Test
    void aPausedDatabaseAnswers503AndNothingIsLostOrBlamedOnAClusterWhenItReturns() throws Exception {
        String cluster = newCluster("outage");
        simulated(cluster).faults().latency(Duration.ofMillis(300)); // keeps the deploy under way during the pause
        JsonNode operation = deploy(Map.of("name", unique("web"), "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "shop")), "wait", true));

        List<ProcessHandle> paused = signal("STOP", postgres.processes());
        try {
            Api.Reply refused = await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/v1/clusters", ADMIN_TOKEN), reply -> reply.status() != 200);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:berth:problem:database-unavailable");
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("jdbc");

            Api.Reply readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");
            // longer than the test lease (3 s): the operation's lease runs out while the database is away
            Thread.sleep(4000);
        } finally {
            signal("CONT", paused);
        }
        simulated(cluster).faults().clear();

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health/readiness", null).status() == 200);
        assertThat(api.get("/api/v1/clusters", ADMIN_TOKEN).status()).isEqualTo(200);
        JsonNode ended = awaitEnd(operation);
        assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("Succeeded");
        JsonNode step = ended.get("steps").get(0);
        String error = step.get("lastError").isNull() ? "" : step.get("lastError").asString();
        assertThat(error).as("a database fault is no failure of the cluster").doesNotContain("Jdbc").doesNotContain("database");
        JsonNode app = application(operation.get("application").asString());
        assertThat(app.get("targets").get(0).get("health").asString()).isNotEqualTo("Stale");
    }

    private static List<ProcessHandle> signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(String.valueOf(p.pid())));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
        return processes;
    }
}
