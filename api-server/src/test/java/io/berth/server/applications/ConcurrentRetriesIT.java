package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.server.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retries of one POST with one Idempotency-Key that arrive at the same time get the first request's
 * operation, not a 409. The race is made, not hoped for: the test holds a row lock that the requests'
 * writes need, so that every request has looked for the key (and found nothing) before the first one
 * can commit.
 */
class ConcurrentRetriesIT extends ApplicationTestBase {

    private static final int RETRIES = 8;

    @Autowired
    private DataSource dataSource;

    @Test
    void concurrentRetriesOfADeployGetTheFirstOperation() throws Exception {
        String cluster = newCluster("retry");
        String app = unique("web");
        Map<String, Object> body = Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")));
        String key = unique("deploy-key");

        // a revision's insert needs a share lock on the template version it uses
        List<Api.Reply> replies = whileLocked("select id from template_version where version = '1.0.0' and template_set_id ="
                        + " (select id from template_set where name = 'nginx-web') for update",
                "insert into application%", () -> api.post(APPS, ADMIN_TOKEN, body, "Idempotency-Key", key));

        assertSameOperation(replies);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
        awaitSucceeded(replies.get(0).json());
    }

    @Test
    void concurrentRetriesOfAScaleGetTheFirstOperation() throws Exception {
        String cluster = newCluster("retry");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));
        String key = unique("scale-key");

        // a change locks the application's row first
        List<Api.Reply> replies = whileLocked("select id from application where name = '" + app + "' for update",
                "%from application%for update%",
                () -> api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 2), "Idempotency-Key", key));

        JsonNode operation = assertSameOperation(replies);
        awaitSucceeded(operation);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size())
                .as("the deploy and one scale").isEqualTo(2);
        assertProblem(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 3), "Idempotency-Key", key),
                422, "validation-failed");
    }

    private JsonNode assertSameOperation(List<Api.Reply> replies) {
        for (Api.Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        }
        assertThat(replies.stream().map(r -> r.json().get("id").asString()).distinct()).hasSize(1);
        return replies.get(0).json();
    }

    /**
     * Takes the lock in a transaction of its own (outside the application's pool), sends the requests at
     * once, waits until every one of them waits for a lock in a statement like {@code waitingStatement},
     * releases the lock and returns the answers.
     */
    private List<Api.Reply> whileLocked(String lock, String waitingStatement, java.util.concurrent.Callable<Api.Reply> request)
            throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        ExecutorService threads = Executors.newFixedThreadPool(RETRIES);
        try (Connection holder = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            holder.setAutoCommit(false);
            try (PreparedStatement statement = holder.prepareStatement(lock); ResultSet locked = statement.executeQuery()) {
                assertThat(locked.next()).as("the row to lock exists").isTrue();
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < RETRIES; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> waiting(waitingStatement) >= RETRIES || futures.stream().anyMatch(Future::isDone));
            holder.rollback();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            threads.shutdownNow();
        }
    }

    private int waiting(String statement) {
        Integer count = jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query ilike ?", Integer.class, statement);
        return count == null ? 0 : count;
    }
}
