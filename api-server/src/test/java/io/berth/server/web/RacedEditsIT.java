package io.berth.server.web;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contract for edits that race (docs/problems.md): a stale If-Match is 412; an edit without If-Match
 * that loses a race against another writer is 409 and changes nothing. The race is made, not hoped for:
 * the test changes the row in an open transaction, lets the request read the old version and block on
 * its write, then commits.
 */
class RacedEditsIT extends ApiTestBase {

    private static final String SETS = "/api/v1/template-sets";

    @Autowired
    private DataSource dataSource;

    @Test
    void aClusterEditWithoutIfMatchThatLosesARaceIs409AndChangesNothing() throws Exception {
        String name = unique("race");
        register(name, CLUSTERS.answeringKubeconfig());

        Reply lost = raceAgainstAnotherWriter("update cluster set version = version + 1, description = 'winner' where name = ?",
                name, "update cluster", () -> api.patch("/api/v1/clusters/" + name, ADMIN_TOKEN, Map.of("description", "loser")));

        assertProblem(lost, 409, "conflict");
        assertThat(lost.json().get("detail").asString()).contains("another request");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("description").asString()).isEqualTo("winner");
    }

    @Test
    void aClusterEditWithAnIfMatchThatLosesARaceIs412() throws Exception {
        String name = unique("race");
        register(name, CLUSTERS.answeringKubeconfig());
        String etag = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag");

        Reply lost = raceAgainstAnotherWriter("update cluster set version = version + 1, description = 'winner' where name = ?",
                name, "update cluster",
                () -> api.patch("/api/v1/clusters/" + name, ADMIN_TOKEN, Map.of("description", "loser"), "If-Match", etag));

        assertProblem(lost, 412, "precondition-failed");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("description").asString()).isEqualTo("winner");
    }

    @Test
    void aTemplateSetEditWithoutIfMatchThatLosesARaceIs409AndChangesNothing() throws Exception {
        String name = unique("race");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", name)).status()).isEqualTo(201);

        Reply lost = raceAgainstAnotherWriter("update template_set set version = version + 1, description = 'winner' where name = ?",
                name, "update template_set", () -> api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "loser")));

        assertProblem(lost, 409, "conflict");
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).json().get("description").asString()).isEqualTo("winner");
    }

    @Test
    void aTemplateSetEditWithAnIfMatchThatLosesARaceIs412() throws Exception {
        String name = unique("race");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", name)).status()).isEqualTo(201);
        String etag = api.get(SETS + "/" + name, ADMIN_TOKEN).header("ETag");

        Reply lost = raceAgainstAnotherWriter("update template_set set version = version + 1, description = 'winner' where name = ?",
                name, "update template_set",
                () -> api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "loser"), "If-Match", etag));

        assertProblem(lost, 412, "precondition-failed");
    }

    @Test
    void aDeleteWithoutIfMatchThatLosesARaceIs409AndDeletesNothing() throws Exception {
        String cluster = unique("race");
        register(cluster, CLUSTERS.answeringKubeconfig());
        String set = unique("race");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", set)).status()).isEqualTo(201);

        Reply clusterDelete = raceAgainstAnotherWriter("update cluster set version = version + 1 where name = ?", cluster,
                "delete from cluster where", () -> api.delete("/api/v1/clusters/" + cluster, ADMIN_TOKEN));
        Reply setDelete = raceAgainstAnotherWriter("update template_set set version = version + 1 where name = ?", set,
                "delete from template_set where", () -> api.delete(SETS + "/" + set, ADMIN_TOKEN));

        assertProblem(clusterDelete, 409, "conflict");
        assertProblem(setDelete, 409, "conflict");
        assertThat(api.get("/api/v1/clusters/" + cluster, ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(api.get(SETS + "/" + set, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aStaleIfMatchIs412AndAnEditWithoutOneIsApplied() {
        String name = unique("plain");
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", name)).status()).isEqualTo(201);

        assertProblem(api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "x"), "If-Match", "\"41\""), 412,
                "precondition-failed");
        assertThat(api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "y")).status()).isEqualTo(200);
    }

    /**
     * Changes the row in a transaction of its own (outside the application's pool), sends the request while
     * that transaction is open, waits until the request's write waits for the row, commits, and returns the
     * request's answer.
     */
    private Reply raceAgainstAnotherWriter(String update, String name, String requestsWrite, Supplier<Reply> request)
            throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        try (Connection winner = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            winner.setAutoCommit(false);
            try (PreparedStatement statement = winner.prepareStatement(update)) {
                statement.setString(1, name);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(request);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> waitingWrites(requestsWrite) == 1 || answer.isDone());
            winner.commit();
            return answer.get();
        }
    }

    private int waitingWrites(String statementStart) throws SQLException {
        Integer waiting = jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query ilike ?", Integer.class, statementStart + "%");
        return waiting == null ? 0 : waiting;
    }
}
