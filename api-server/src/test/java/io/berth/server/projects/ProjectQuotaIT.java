package io.berth.server.projects;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project's quota is checked before anything is written. */
class ProjectQuotaIT extends ApplicationTestBase {

    private static Map<String, Object> web(String name, String project, String cluster) {
        return Map.of("name", name, "project", project, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "ns")));
    }

    @Test
    void aDeployBeyondTheProjectsApplicationQuotaIsRefusedAndNothingIsWritten() {
        String cluster = newCluster("quota");
        String team = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", team, "quota", Map.of("maxApplications", 1),
                "destinations", List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))))).expect(201);
        awaitSucceeded(deploy(web(unique("first"), team, cluster)));

        String second = unique("second");
        Api.Reply refused = api.post(APPS, ADMIN_TOKEN, web(second, team, cluster));

        assertProblem(refused, 403, "quota-exceeded");
        assertThat(refused.json().get("detail").asString()).contains(team).contains("1");
        assertProblem(api.get(APPS + "/" + second, ADMIN_TOKEN), 404, "not-found");
        assertThat(jdbc.queryForObject("select count(*) from operation where application_name = ?", Long.class, second)).isZero();

        api.patch("/api/v1/projects/" + team, ADMIN_TOKEN, Map.of("quota", Map.of("maxApplications", 2))).expect(200);
        awaitSucceeded(deploy(web(second, team, cluster)));
    }

    @Test
    void deploysSentAtOnceTakeNoMorePlacesThanTheQuotaHas() throws Exception {
        String cluster = newCluster("quota");
        String team = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", team, "quota", Map.of("maxApplications", 2),
                "destinations", List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))))).expect(201);

        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = unique("rush");
                replies.add(threads.submit(() -> {
                    start.await();
                    return api.post(APPS, ADMIN_TOKEN, web(name, team, cluster));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.add(reply.get(60, TimeUnit.SECONDS).status());
            }

            assertThat(statuses).filteredOn(status -> status == 202).hasSize(2);
            assertThat(statuses).filteredOn(status -> status == 403).hasSize(4);
            assertThat(api.get(APPS + "?project=" + team, ADMIN_TOKEN).expect(200).get("items").size()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theReplicaQuotaCountsEveryWorkloadOfEveryTargetOnDeployScaleAndUpgrade() {
        String cluster = newCluster("replicas");
        String other = newCluster("replicas");
        String team = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", team, "quota", Map.of("maxReplicas", 5),
                "destinations", List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))))).expect(201);
        String web = unique("web");
        // 2 targets of 2 replicas: 4 of 5
        awaitSucceeded(deploy(Map.of("name", web, "project", team, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "a"), target(other, "b")))));

        Api.Reply tooMany = api.post(APPS, ADMIN_TOKEN, Map.of("name", unique("web"), "project", team, "templateSet",
                "nginx-web", "version", "1.0.0", "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "c"))));
        assertProblem(tooMany, 403, "quota-exceeded");
        assertThat(tooMany.json().get("detail").asString()).contains("maxReplicas 5").contains("would run 6");

        // scaling the first cluster's target to 3 makes 5 (fits); to 4 makes 6 (refused, nothing written)
        awaitSucceeded(accepted(api.post(APPS + "/" + web + "/scale", ADMIN_TOKEN, Map.of("replicas", 3,
                "clusters", List.of(cluster)))));
        assertProblem(api.post(APPS + "/" + web + "/scale", ADMIN_TOKEN, Map.of("replicas", 4,
                "clusters", List.of(cluster))), 403, "quota-exceeded");
        assertThat(application(web).get("currentRevision").asInt()).isEqualTo(2);
        assertProblem(api.patch(APPS + "/" + web, ADMIN_TOKEN, Map.of("targets",
                List.of(target(cluster, "a"), target(other, "b"), target(cluster, "c")))), 403, "quota-exceeded");

        // a quota lowered below what runs still lets the project scale down
        api.patch("/api/v1/projects/" + team, ADMIN_TOKEN, Map.of("quota", Map.of("maxReplicas", 2))).expect(200);
        awaitSucceeded(accepted(api.post(APPS + "/" + web + "/scale", ADMIN_TOKEN, Map.of("replicas", 2,
                "clusters", List.of(cluster)))));

        // two more fit once the quota is raised
        api.patch("/api/v1/projects/" + team, ADMIN_TOKEN, Map.of("quota", Map.of("maxReplicas", 6))).expect(200);
        awaitSucceeded(deploy(Map.of("name", unique("web"), "project", team, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "c")))));
    }

    @Test
    void revisionsRecordedBeforeTheyCountedTheirReplicasAreCountedWhenAQuotaNeedsThem() {
        String cluster = newCluster("replicas");
        String team = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", team,
                "destinations", List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))))).expect(201);
        String old = unique("old");
        awaitSucceeded(deploy(Map.of("name", old, "project", team, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 3), "targets", List.of(target(cluster, "a")))));
        // as a revision recorded before the column existed
        jdbc.update("update application_revision set replicas = null where application_id = (select id from application where name = ?)", old);
        api.patch("/api/v1/projects/" + team, ADMIN_TOKEN, Map.of("quota", Map.of("maxReplicas", 4))).expect(200);

        assertProblem(api.post(APPS, ADMIN_TOKEN, Map.of("name", unique("web"), "project", team, "templateSet", "nginx-web",
                "version", "1.0.0", "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "b")))), 403, "quota-exceeded");
        awaitSucceeded(deploy(Map.of("name", unique("web"), "project", team, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "b")))));
        // kept with the change that counted it
        assertThat(jdbc.queryForObject("select replicas from application_revision where application_id ="
                + " (select id from application where name = ?)", Integer.class, old)).isEqualTo(3);
    }
}
