package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What happens when clusters, values or other clients get in the way of a change. */
class ApplicationFailuresIT extends ApplicationTestBase {

    @Test
    void anUnreachableClusterFailsItsTargetAfterRetriesWhileTheOthersSucceed() {
        String good = newCluster("good");
        String bad = newCluster("bad");
        simulated(bad).faults().unreachable();
        String app = unique("web");
        JsonNode ended = awaitEnd(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(good, "web"), target(bad, "web")))));

        assertThat(ended.get("state").asString()).isEqualTo("Failed");
        assertThat(ended.get("error").asString()).contains(bad + "/web").doesNotContain(good + "/web");
        JsonNode badStep = step(ended, bad);
        assertThat(badStep.get("state").asString()).isEqualTo("Failed");
        assertThat(badStep.get("attempts").asInt()).isEqualTo(3);
        assertThat(badStep.get("lastError").asString()).isNotBlank().doesNotContain("berth_").doesNotContain("token");
        assertThat(step(ended, good).get("state").asString()).isEqualTo("Succeeded");

        JsonNode view = application(app);
        assertThat(target(view, good).get("syncStatus").asString()).isEqualTo("Synced");
        assertThat(target(view, bad).get("syncStatus").asString()).isEqualTo("Failed");
        assertThat(target(view, bad).get("lastError").asString()).isEqualTo(badStep.get("lastError").asString());
        assertThat(simulated(good).client().apps().statefulSets().inNamespace("web").withName("web").get()).isNotNull();

        // once the cluster is back, the next revision reaches it
        simulated(bad).faults().reachable();
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", 1)))));
        assertThat(target(application(app), bad).get("revisionApplied").asInt()).isEqualTo(2);
        assertThat(simulated(bad).client().apps().statefulSets().inNamespace("web").withName("web").get()
                .getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void invalidValuesForOneTargetApplyNothingAnywhere() {
        String one = newCluster("one");
        String two = newCluster("two");
        String app = unique("web");
        Api.Reply reply = api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(one, "web"),
                        Map.of("cluster", two, "namespace", "web", "values", Map.of("replicas", "many")))));

        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).startsWith("targets[" + two + "/web]");
        assertThat(api.get(APPS + "/" + app, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isZero();
        for (String cluster : List.of(one, two)) {
            assertThat(simulated(cluster).client().namespaces().withName("web").get()).isNull();
        }
    }

    @Test
    void everyProblemOfADeployIsListedAtOnce() {
        String app = unique("web");
        Api.Reply reply = api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target("nowhere", "web"), target("nowhere-else", "web"))));
        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("targets[0].cluster", "targets[1].cluster");

        Api.Reply missingVersion = api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web",
                "version", "9.9.9", "targets", List.of(target("nowhere", "web"))));
        assertProblem(missingVersion, 404, "not-found");
    }

    @Test
    void twoConcurrentUpgradesGiveOneOperationAndOneConflict() throws Exception {
        String cluster = newCluster("busy");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));
        simulated(cluster).faults().latency(Duration.ofMillis(300));
        try {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int replicas : List.of(1, 2)) {
                Callable<Api.Reply> upgrade = () -> {
                    start.await();
                    return api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", replicas)));
                };
                replies.add(pool.submit(upgrade));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> f : replies) {
                statuses.add(f.get().status());
            }
            pool.shutdown();
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
            Api.Reply conflict = replies.stream().map(this::get).filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertProblem(conflict, 409, "conflict");

            // while the winner runs, a third change is refused with the running operation's id
            Api.Reply winner = replies.stream().map(this::get).filter(r -> r.status() == 202).findFirst().orElseThrow();
            Api.Reply third = api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 4));
            assertProblem(third, 409, "conflict");
            assertThat(third.json().get("detail").asString()).contains(winner.json().get("id").asString());
            awaitSucceeded(winner.json());
        } finally {
            simulated(cluster).faults().clear();
        }
        assertThat(api.get(APPS + "/" + app + "/revisions", ADMIN_TOKEN).json().get("items").size())
                .isEqualTo(2);
    }

    @Test
    void twoDeploysOfOneNameAtOnceGiveOneApplication() throws Exception {
        String cluster = newCluster("race");
        String app = unique("web");
        Map<String, Object> body = Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return api.post(APPS, ADMIN_TOKEN, body);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> f : replies) {
            statuses.add(f.get().status());
        }
        pool.shutdown();
        assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 409);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String cluster = newCluster("etag");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));
        String etag = api.get(APPS + "/" + app, ADMIN_TOKEN).header("ETag");
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", 2)),
                "If-Match", etag)));

        Api.Reply stale = api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", 1)), "If-Match", etag);
        assertProblem(stale, 412, "precondition-failed");
        assertProblem(api.delete(APPS + "/" + app, ADMIN_TOKEN, "If-Match", etag), 412,
                "precondition-failed");
        assertThat(application(app).get("currentRevision").asInt()).isEqualTo(2);
        assertThat(application(app).get("state").asString()).isEqualTo("Active");
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstOperationAndRefusesAnotherRequest() {
        String cluster = newCluster("idem");
        String app = unique("web");
        Map<String, Object> body = Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")));
        String key = unique("key");
        JsonNode first = accepted(api.post(APPS, ADMIN_TOKEN, body, "Idempotency-Key", key));
        JsonNode again = accepted(api.post(APPS, ADMIN_TOKEN, body, "Idempotency-Key", key));
        assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());

        Map<String, Object> other = Map.of("name", unique("web"), "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web2")));
        assertProblem(api.post(APPS, ADMIN_TOKEN, other, "Idempotency-Key", key), 422, "validation-failed");
        awaitSucceeded(first);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
    }

    @Test
    void aWaitEndsAtOnceWhenAPodCrashLoopsNamingThePod() {
        String cluster = newCluster("crash");
        String app = unique("web");
        // a wait of ten minutes that ends within the test's minute: only a fail-fast judgement does that
        JsonNode ended = awaitEnd(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("image", "nginx:crashloop"), "targets", List.of(target(cluster, "web")),
                "wait", true, "timeoutSeconds", 600)));
        assertThat(ended.get("state").asString()).isEqualTo("Failed");
        JsonNode step = ended.get("steps").get(0);
        assertThat(step.get("attempts").asInt()).as("a Degraded workload is not retried").isEqualTo(1);
        assertThat(step.get("lastError").asString()).contains("StatefulSet/web: Degraded, pod web-0: CrashLoopBackOff");
    }

    @Test
    void waitingEndsFailedWhenAWorkloadNeverBecomesReady() {
        String cluster = newCluster("slow");
        for (int node = 1; node <= 3; node++) {
            simulated(cluster).faults().nodeReady("sim-node-" + node, false); // pods never ready, never failed
        }
        String app = unique("web");
        JsonNode ended = awaitEnd(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true, "timeoutSeconds", 2)));
        assertThat(ended.get("state").asString()).isEqualTo("Failed");
        JsonNode step = ended.get("steps").get(0);
        assertThat(step.get("attempts").asInt()).as("a readiness time-out is not retried").isEqualTo(1);
        assertThat(step.get("lastError").asString()).contains("Not ready within 2s", "StatefulSet/web: Progressing");
        JsonNode target = application(app).get("targets").get(0);
        assertThat(target.get("syncStatus").asString()).isEqualTo("Failed");
        assertThat(target.get("revisionApplied").asInt()).as("the objects were applied").isEqualTo(1);
        assertThat(target.get("lastError").asString()).contains("StatefulSet/web");
    }

    @Test
    void cancellingARunningOperationStopsIt() {
        String cluster = newCluster("cancel");
        // every node NotReady: the pods never become ready, and nothing says they failed (a crash loop
        // would end the wait at once, before the cancel)
        for (int node = 1; node <= 3; node++) {
            simulated(cluster).faults().nodeReady("sim-node-" + node, false);
        }
        String app = unique("web");
        JsonNode op = deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")), "wait", true, "timeoutSeconds", 600));
        Api.Reply cancel = api.post("/api/v1/operations/" + op.get("id").asString() + "/cancel", ADMIN_TOKEN, Map.of());
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        JsonNode ended = awaitEnd(op);
        assertThat(ended.get("state").asString()).isEqualTo("Cancelled");
        assertThat(ended.get("cancelRequested").asBoolean()).isTrue();
        assertProblem(api.post("/api/v1/operations/" + op.get("id").asString() + "/cancel", ADMIN_TOKEN, Map.of()),
                409, "conflict");
        assertThat(application(app).get("activeOperationId").isNull()).isTrue();
    }

    @Test
    void aClusterOrTemplateVersionInUseCannotBeDeleted() {
        String cluster = newCluster("inuse");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));
        assertProblem(api.delete("/api/v1/clusters/" + cluster, ADMIN_TOKEN), 409, "conflict");
        assertProblem(api.delete("/api/v1/template-sets/nginx-web/versions/1.0.0", ADMIN_TOKEN), 409,
                "conflict");
        assertThat(api.get("/api/v1/clusters/" + cluster, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    private Api.Reply get(Future<Api.Reply> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode step(JsonNode operation, String cluster) {
        return operation.get("steps").valueStream().filter(s -> s.get("cluster").asString().equals(cluster))
                .findFirst().orElseThrow();
    }

    private static JsonNode target(JsonNode application, String cluster) {
        return application.get("targets").valueStream().filter(t -> t.get("cluster").asString().equals(cluster))
                .findFirst().orElseThrow();
    }
}
