package io.berth.server.projects;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Applications belong to a project, and go only where its destinations allow. */
class ProjectDestinationsIT extends ApplicationTestBase {

    private String project(List<Map<String, Object>> destinations) {
        String name = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations", destinations)).expect(201);
        return name;
    }

    private static Map<String, Object> web(String name, String project, List<Map<String, Object>> targets) {
        return Map.of("name", name, "project", project, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", targets);
    }

    @Test
    void anApplicationDeployedWhereItsProjectMayGoShowsItsProject() {
        String cluster = newCluster("allowed");
        String team = project(List.of(Map.of("clusters", List.of(cluster), "namespaces", List.of("team-a-*"))));
        String name = unique("web");

        awaitSucceeded(deploy(web(name, team, List.of(target(cluster, "team-a-web")))));

        assertThat(application(name).get("project").asString()).isEqualTo(team);
        JsonNode listed = api.get(APPS + "?project=" + team, ADMIN_TOKEN).expect(200);
        assertThat(listed.get("items").findValuesAsString("name")).containsExactly(name);
        assertThat(listed.get("items").get(0).get("project").asString()).isEqualTo(team);
        assertThat(api.get(APPS + "?project=default&limit=500", ADMIN_TOKEN).expect(200).get("items")
                .findValuesAsString("name")).doesNotContain(name);
    }

    @Test
    void aDeployOutsideTheDestinationsIsRefusedNamingEachTargetAndNothingIsWritten() {
        String allowed = newCluster("allowed");
        String other = newCluster("other");
        String team = project(List.of(Map.of("clusters", List.of(allowed), "namespaces", List.of("team-a-*"))));
        String name = unique("web");

        Api.Reply refused = api.post(APPS, ADMIN_TOKEN, web(name, team, List.of(
                target(allowed, "team-b"), target(other, "team-a-web"), target(allowed, "team-a-web"))));

        assertProblem(refused, 403, "destination-not-allowed");
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("targets[0]", "targets[1]");
        assertThat(refused.json().get("detail").asString()).contains(team);
        assertProblem(api.get(APPS + "/" + name, ADMIN_TOKEN), 404, "not-found");
        assertThat(jdbc.queryForObject("select count(*) from operation where application_name = ?", Long.class, name)).isZero();
    }

    @Test
    void aDestinationByClusterLabelsTakesTheClustersThatCarryThem() {
        String labelled = unique("labelled");
        api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", labelled, "labels", Map.of("team", "a"),
                "kubeconfig", sim().startCluster(labelled).kubeconfig())).expect(201);
        String unlabelled = newCluster("unlabelled");
        String team = project(List.of(Map.of("clusterSelector", "team=a", "namespaces", List.of("*"))));

        assertProblem(api.post(APPS, ADMIN_TOKEN, web(unique("web"), team, List.of(target(unlabelled, "ns")))),
                403, "destination-not-allowed");
        awaitSucceeded(deploy(web(unique("web"), team, List.of(target(labelled, "ns")))));
    }

    @Test
    void anUpgradeThatWouldLeaveTheDestinationsIsRefusedAndChangesNothing() {
        String cluster = newCluster("allowed");
        String team = project(List.of(Map.of("clusters", List.of(cluster), "namespaces", List.of("team-a"))));
        String name = unique("web");
        awaitSucceeded(deploy(web(name, team, List.of(target(cluster, "team-a")))));

        Api.Reply refused = api.patch(APPS + "/" + name, ADMIN_TOKEN, Map.of("targets",
                List.of(target(cluster, "team-a"), target(cluster, "kube-system"))));

        assertProblem(refused, 403, "destination-not-allowed");
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("targets[1]");
        JsonNode app = application(name);
        assertThat(app.get("currentRevision").asInt()).isEqualTo(1);
        assertThat(app.get("targets").valueStream().map(t -> t.get("cluster").asString() + "/" + t.get("namespace").asString()))
                .containsExactly(cluster + "/team-a");
    }

    @Test
    void narrowingTheDestinationsMovesNothingAndNamesTheTargetsLeftOutside() {
        String cluster = newCluster("allowed");
        String team = project(List.of(Map.of("clusters", List.of(cluster), "namespaces", List.of("team-a", "team-a-old"))));
        String kept = unique("kept");
        String stray = unique("stray");
        awaitSucceeded(deploy(web(kept, team, List.of(target(cluster, "team-a")))));
        awaitSucceeded(deploy(web(stray, team, List.of(target(cluster, "team-a-old")))));
        assertThat(api.get("/api/v1/projects/" + team + "/targets-outside", ADMIN_TOKEN).expect(200).get("items")).isEmpty();

        api.patch("/api/v1/projects/" + team, ADMIN_TOKEN, Map.of("destinations",
                List.of(Map.of("clusters", List.of(cluster), "namespaces", List.of("team-a"))))).expect(200);

        JsonNode outside = api.get("/api/v1/projects/" + team + "/targets-outside", ADMIN_TOKEN).expect(200);
        assertThat(outside.get("items").valueStream().map(t -> t.get("application").asString() + " "
                + t.get("cluster").asString() + "/" + t.get("namespace").asString()))
                .containsExactly(stray + " " + cluster + "/team-a-old");
        JsonNode strayApp = application(stray);
        assertThat(strayApp.get("state").asString()).isEqualTo("Active");
        // what was left outside is not scaled there any more, but still synced
        assertProblem(api.post(APPS + "/" + stray + "/scale", ADMIN_TOKEN, Map.of("replicas", 2)), 403, "destination-not-allowed");
        awaitSucceeded(accepted(api.post(APPS + "/" + stray + "/sync", ADMIN_TOKEN, Map.of())));
        assertThat(strayApp.get("targets").get(0).get("syncStatus").asString()).isEqualTo("Synced");
        assertThat(simulated(cluster).client().apps().statefulSets().inNamespace("team-a-old").list().getItems()).isNotEmpty();
    }

    @Test
    void anUnknownProjectIsAnInvalidFieldAndAnApplicationWithoutOneGoesToDefault() {
        String cluster = newCluster("any");
        Api.Reply refused = api.post(APPS, ADMIN_TOKEN, web(unique("web"), "no-such-project", List.of(target(cluster, "ns"))));
        assertProblem(refused, 422, "validation-failed");
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("project");

        String name = unique("web");
        awaitSucceeded(deploy(Map.of("name", name, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "ns")))));
        assertThat(application(name).get("project").asString()).isEqualTo("default");
    }

    @Test
    void theAuditRecordsOfAnApplicationCarryItsProjectAndCanBeListedByIt() {
        String cluster = newCluster("audited");
        String team = project(List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))));
        String name = unique("web");
        awaitSucceeded(deploy(web(name, team, List.of(target(cluster, "ns")))));
        api.post(APPS + "/" + name + "/scale", ADMIN_TOKEN, Map.of("replicas", 2)).expect(202);

        JsonNode records = api.get("/api/v1/audit?project=" + team, ADMIN_TOKEN).expect(200).get("items");
        assertThat(records.valueStream().map(r -> r.get("action").asString() + " " + r.get("application").asString()
                + " " + r.get("project").asString())).contains("Deploy " + name + " " + team, "Scale " + name + " " + team);
        assertThat(api.get("/api/v1/audit?project=default&limit=500", ADMIN_TOKEN).expect(200).get("items")
                .valueStream().map(r -> r.get("application").asString())).doesNotContain(name);
    }

    @Test
    void aProjectThatHoldsAnApplicationIsNotDeleted() {
        String cluster = newCluster("allowed");
        String team = project(List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))));
        String name = unique("web");
        awaitSucceeded(deploy(web(name, team, List.of(target(cluster, "ns")))));

        assertProblem(api.delete("/api/v1/projects/" + team, ADMIN_TOKEN), 409, "conflict");
        api.get("/api/v1/projects/" + team, ADMIN_TOKEN).expect(200);
    }

    @Test
    void aDeployWhoseProjectIsDeletedMeanwhileIsAnUnknownProjectAndWritesNothing() throws Exception {
        String cluster = newCluster("any");
        String team = project(List.of(Map.of("clusters", List.of("*"), "namespaces", List.of("*"))));
        String name = unique("web");
        javax.sql.DataSource dataSource = jdbc.getDataSource();
        try (java.sql.Connection deleting = dataSource.getConnection()) {
            // the project's deletion is under way (not committed): the deploy still finds the project, then
            // waits on its row when it records the application
            deleting.setAutoCommit(false);
            try (var delete = deleting.prepareStatement("delete from project where name = ?")) {
                delete.setString(1, team);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            var deploy = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    api.post(APPS, ADMIN_TOKEN, web(name, team, List.of(target(cluster, "ns")))));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into application %'",
                    Integer.class) > 0);
            deleting.commit();

            Api.Reply refused = deploy.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertProblem(refused, 422, "validation-failed");
            assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("project");
        }
        assertThat(jdbc.queryForObject("select count(*) from application where name = ?", Long.class, name)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from operation where application_name = ?", Long.class, name)).isZero();
    }
}
