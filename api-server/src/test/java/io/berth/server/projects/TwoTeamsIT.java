package io.berth.server.projects;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.EventStream;
import io.berth.server.testsupport.TestIdentityProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two teams on one Berth, each in its own project and namespaces of one shared cluster: each deploys the
 * article's applications with its CI's project token; neither sees, changes or streams the other's; a
 * platform admin sees both.
 */
class TwoTeamsIT extends ApplicationTestBase {

    private String cluster;
    private String teamA;
    private String teamB;
    private String ciA;
    private String ciB;
    private String webA;
    private String webB;
    private JsonNode deployOfB;

    @BeforeEach
    void twoTeamsEachWithItsApplications() {
        cluster = newCluster("shared");
        teamA = project("team-a");
        teamB = project("team-b");
        ciA = projectToken(teamA, "operator");
        ciB = projectToken(teamB, "operator");
        webA = unique("web");
        webB = unique("web");
        awaitSucceeded(accepted(api.post(APPS, ciA, web(webA, teamA, teamA + "-web"))));
        deployOfB = awaitSucceeded(accepted(api.post(APPS, ciB, web(webB, teamB, teamB + "-web"))));
    }

    @Test
    void eachTeamListsOnlyItsOwnAndAPlatformAdminListsBoth() {
        assertThat(names(api.get(APPS + "?limit=500", ciA).expect(200))).contains(webA).doesNotContain(webB);
        assertThat(names(api.get(APPS + "?limit=500", ciB).expect(200))).contains(webB).doesNotContain(webA);
        assertThat(names(api.get(APPS + "?project=" + teamB, ciA).expect(200))).isEmpty();
        assertThat(names(api.get(APPS + "?limit=500", ADMIN_TOKEN).expect(200))).contains(webA, webB);

        assertThat(names(api.get("/api/v1/projects?limit=500", ciA).expect(200))).containsExactly(teamA);
        assertThat(names(api.get("/api/v1/projects?limit=500", ADMIN_TOKEN).expect(200))).contains(teamA, teamB, "default");
    }

    @Test
    void theOtherTeamsApplicationAnswersExactlyAsOneThatDoesNotExistOnEveryEndpoint() {
        String never = unique("never");
        List<String> paths = List.of("GET %s", "GET %s/revisions", "GET %s/revisions/1", "GET %s/resources", "GET %s/events",
                "GET %s/timeline", "GET %s/diff", "POST %s/scale", "POST %s/sync", "POST %s/rollback", "PATCH %s",
                "PUT %s", "DELETE %s");
        for (String path : paths) {
            String[] parts = path.split(" ");
            Api.Reply hidden = call(parts[0], String.format(parts[1], APPS + "/" + webB), ciA);
            Api.Reply missing = call(parts[0], String.format(parts[1], APPS + "/" + never), ciA);
            assertThat(hidden.status()).as(path).isEqualTo(404);
            assertThat(comparable(hidden, webB)).as(path).isEqualTo(comparable(missing, never));
        }
        // the application is untouched
        assertThat(application(webB).get("currentRevision").asInt()).isEqualTo(1);

        String operation = deployOfB.get("id").asString();
        String unknown = UUID.randomUUID().toString();
        Api.Reply hiddenOp = api.get("/api/v1/operations/" + operation, ciA);
        assertThat(hiddenOp.status()).isEqualTo(404);
        assertThat(comparable(hiddenOp, operation)).isEqualTo(comparable(api.get("/api/v1/operations/" + unknown, ciA), unknown));
        assertProblem(api.post("/api/v1/operations/" + operation + "/cancel", ciA, "{}"), 404, "not-found");

        Api.Reply hiddenProject = api.get("/api/v1/projects/" + teamB, ciA);
        assertThat(comparable(hiddenProject, teamB)).isEqualTo(comparable(api.get("/api/v1/projects/" + never, ciA), never));
    }

    @Test
    void neitherTeamStreamsTheOthersEventsNorReadsThemInTheTimeline() throws Exception {
        try (EventStream hidden = EventStream.open(port, APPS + "/" + webB + "/stream", ciA)) {
            assertThat(hidden.status()).isEqualTo(404);
        }
        assertThat(applicationsIn(api.get("/api/v1/timeline?limit=500", ciA).expect(200))).contains(webA).doesNotContain(webB);
        assertThat(applicationsIn(api.get("/api/v1/timeline?application=" + webB, ciA).expect(200))).isEmpty();

        // replayed from before both deploys, the stream of team A carries A's events and none of B's
        long before = firstEventOf(webA) - 1;
        try (EventStream stream = EventStream.open(port, "/api/v1/stream", ciA, "Last-Event-ID", String.valueOf(before))) {
            awaitSucceeded(accepted(api.post(APPS + "/" + webA + "/scale", ciA, Map.of("replicas", 2))));
            List<EventStream.Event> seen = stream.until(e -> webA.equals(text(e.json(), "application"))
                    && "Scaled".equals(text(e.json(), "type")), Duration.ofSeconds(60));
            assertThat(seen).extracting(e -> text(e.json(), "application")).contains(webA).doesNotContain(webB);
        }
    }

    @Test
    void teamADeploysTheArticlesEtcdClusterInItsOwnNamespaceAndTeamBNeitherSeesNorScalesIt() {
        String namespace = teamA + "-db";
        String operator = unique("etcd-operator");
        String etcd = unique("etcd");
        awaitSucceeded(accepted(api.post(APPS, ciA, Map.of("name", operator, "project", teamA, "templateSet", "etcd-operator",
                "version", "1.0.0", "targets", List.of(target(cluster, namespace)), "wait", true))));
        awaitSucceeded(accepted(api.post(APPS, ciA, Map.of("name", etcd, "project", teamA, "templateSet", "etcd-cluster",
                "version", "1.0.0", "targets", List.of(target(cluster, namespace)), "wait", true))));

        assertProblem(api.post(APPS + "/" + etcd + "/scale", ciB, Map.of("replicas", 5)), 404, "not-found");
        assertThat(names(api.get(APPS + "?limit=500", ciB).expect(200))).doesNotContain(operator, etcd);
        JsonNode scaled = awaitSucceeded(accepted(api.post(APPS + "/" + etcd + "/scale", ciA, Map.of("replicas", 5, "wait", true))));
        assertThat(scaled.get("options").get("scale").get("replicasPath").asString()).isEqualTo("spec.size");
    }

    @Test
    void aTeamDeploysOnlyWithinItsDestinationsAndItsProject() {
        assertProblem(api.post(APPS, ciA, web(unique("web"), teamA, teamB + "-web")), 403, "destination-not-allowed");
        Api.Reply otherProject = api.post(APPS, ciA, web(unique("web"), teamB, teamB + "-web"));
        assertProblem(otherProject, 422, "validation-failed");
        assertThat(otherProject.json().get("errors").findValuesAsString("field")).containsExactly("project");
        assertThat(otherProject.json().get("detail").asString())
                .isEqualTo(api.post(APPS, ciA, web(unique("web"), "no-such-team", teamA + "-web")).json().get("detail")
                        .asString().replace("no-such-team", teamB));
    }

    @Test
    void aProjectViewerReadsButDoesNotChangeAndAProjectOperatorScalesItsOwn() {
        String viewerA = projectToken(teamA, "viewer");
        assertThat(api.get(APPS + "/" + webA, viewerA).status()).isEqualTo(200);
        assertProblem(api.post(APPS + "/" + webA + "/scale", viewerA, Map.of("replicas", 2)), 403, "forbidden");
        assertProblem(api.post(APPS + "/" + webB + "/scale", viewerA, Map.of("replicas", 2)), 403, "forbidden");

        JsonNode scaled = awaitSucceeded(accepted(api.post(APPS + "/" + webA + "/scale", ciA, Map.of("replicas", 3))));
        assertThat(scaled.get("state").asString()).isEqualTo("Succeeded");
        assertThat(simulated(cluster).client().apps().statefulSets().inNamespace(teamA + "-web").withName("web").get()
                .getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aSignedInPersonInTeamAsOperatorsGroupScalesTeamAsWebAndFindsNoTeamB() {
        String group = unique("team-a-operators");
        api.put("/api/v1/projects/" + teamA + "/groups", ADMIN_TOKEN,
                Map.of("groups", List.of(Map.of("group", group, "role", "operator")))).expect(200);
        String jwt = TestIdentityProvider.token("ann@team-a.example", List.of("staff", group));

        JsonNode scaled = awaitSucceeded(accepted(api.post(APPS + "/" + webA + "/scale", jwt, Map.of("replicas", 2))));
        assertThat(scaled.get("requestedBy").asString()).isEqualTo("ann@team-a.example");
        assertThat(simulated(cluster).client().apps().statefulSets().inNamespace(teamA + "-web").withName("web").get()
                .getSpec().getReplicas()).isEqualTo(2);
        assertProblem(api.post(APPS + "/" + webB + "/scale", jwt, Map.of("replicas", 2)), 404, "not-found");
        assertThat(names(api.get(APPS + "?limit=500", jwt).expect(200))).contains(webA).doesNotContain(webB);
    }

    @Test
    void aTeamsOwnTemplateSetIsHiddenFromTheOtherUnlessSharedAndThePatternsNarrowTheShared() {
        String privateSet = unique("b-only");
        api.post("/api/v1/template-sets", ciB, Map.of("name", privateSet, "project", teamB)).expect(201);
        JsonNode set = api.get("/api/v1/template-sets/" + privateSet, ciB).expect(200);
        assertThat(set.get("project").asString()).isEqualTo(teamB);
        assertThat(set.get("shared").asBoolean()).isFalse();

        String never = unique("never");
        Api.Reply hidden = api.get("/api/v1/template-sets/" + privateSet, ciA);
        assertThat(comparable(hidden, privateSet)).isEqualTo(comparable(api.get("/api/v1/template-sets/" + never, ciA), never));
        assertThat(names(api.get("/api/v1/template-sets?limit=500", ciA).expect(200))).contains("nginx-web").doesNotContain(privateSet);
        Api.Reply deployHidden = api.post(APPS, ciA, Map.of("name", unique("web"), "project", teamA, "templateSet", privateSet,
                "version", "1.0.0", "targets", List.of(target(cluster, teamA + "-x"))));
        assertProblem(deployHidden, 404, "not-found");

        // a shared set of another project is read by all and changed by its own project only
        assertThat(api.get("/api/v1/template-sets/nginx-web", ciA).status()).isEqualTo(200);
        assertProblem(api.delete("/api/v1/template-sets/nginx-web/versions/1.0.0", ciA), 403, "forbidden");

        // a project limited to other shared sets may not deploy nginx-web, shared with all
        api.patch("/api/v1/projects/" + teamA, ADMIN_TOKEN, Map.of("templateSets", List.of("etcd-*"))).expect(200);
        Api.Reply narrowed = api.post(APPS, ciA, web(unique("web"), teamA, teamA + "-web2"));
        assertProblem(narrowed, 422, "validation-failed");
        assertThat(narrowed.json().get("errors").findValuesAsString("field")).containsExactly("templateSet");
    }

    @Test
    void aProjectAdminManagesItsProjectsTokensOnly() {
        String adminA = projectToken(teamA, "admin");
        JsonNode created = api.post("/api/v1/tokens", adminA, Map.of("name", unique("ci"), "role", "viewer", "project", teamA))
                .expect(201);
        assertThat(created.get("project").asString()).isEqualTo(teamA);
        assertThat(api.get(APPS + "/" + webA, created.get("token").asString()).status()).isEqualTo(200);
        // who gave whom access is in the project's audit trail
        assertThat(api.get("/api/v1/audit?limit=500&project=" + teamA, ADMIN_TOKEN).expect(200).get("items").valueStream()
                .filter(r -> r.get("action").asString().equals("CreateToken"))
                .map(r -> r.get("detail").asString()))
                .anySatisfy(detail -> assertThat(detail).contains(created.get("name").asString()).contains("viewer"));

        assertProblem(api.post("/api/v1/tokens", adminA, Map.of("name", unique("x"), "role", "admin")), 403, "forbidden");
        assertProblem(api.post("/api/v1/tokens", adminA, Map.of("name", unique("x"), "role", "operator", "project", teamB)),
                422, "validation-failed");
        assertProblem(api.post("/api/v1/tokens", adminA, Map.of("name", unique("x"), "role", "metrics", "project", teamA)),
                422, "validation-failed");
        assertThat(api.get("/api/v1/tokens?limit=500", adminA).expect(200).get("items").valueStream()
                .map(t -> t.get("project").asString())).isNotEmpty().allMatch(teamA::equals);
        assertProblem(api.delete("/api/v1/tokens/bootstrap-admin", adminA), 404, "not-found");
        // a project admin is no platform admin
        assertProblem(api.post("/api/v1/projects", adminA, Map.of("name", unique("p"), "destinations", List.of())), 403, "forbidden");
        assertProblem(api.get("/api/v1/audit", adminA), 403, "forbidden");
    }

    @Test
    void aClusterAdminManagesClustersAndSeesNoApplication() {
        String clusterAdmin = api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("infra"), "role", "cluster-admin"))
                .expect(201).get("token").asString();
        String name = unique("extra");
        api.post("/api/v1/clusters", clusterAdmin, Map.of("name", name, "kubeconfig", sim().startCluster(name).kubeconfig()))
                .expect(201);
        assertThat(api.get("/api/v1/clusters/" + name, clusterAdmin).status()).isEqualTo(200);
        assertThat(names(api.get(APPS + "?limit=500", clusterAdmin).expect(200))).isEmpty();
        assertProblem(api.get(APPS + "/" + webA, clusterAdmin), 404, "not-found");
        assertProblem(api.post("/api/v1/projects", clusterAdmin, Map.of("name", unique("p"), "destinations", List.of())),
                403, "forbidden");
    }

    private String project(String prefix) {
        String name = unique(prefix);
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations",
                List.of(Map.of("clusters", List.of(cluster), "namespaces", List.of(name + "-*"))))).expect(201);
        return name;
    }

    private String projectToken(String project, String role) {
        return api.post("/api/v1/tokens", ADMIN_TOKEN, Map.of("name", unique("ci"), "role", role, "project", project))
                .expect(201).get("token").asString();
    }

    private Map<String, Object> web(String name, String project, String namespace) {
        return Map.of("name", name, "project", project, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, namespace)));
    }

    private Api.Reply call(String method, String path, String token) {
        return switch (method) {
            case "GET" -> api.get(path, token);
            case "POST" -> api.post(path, token, path.endsWith("/scale") ? Map.of("replicas", 2)
                    : path.endsWith("/rollback") ? Map.of("revision", 1) : Map.of());
            case "PATCH" -> api.patch(path, token, Map.of("values", Map.of("replicas", 2)));
            case "PUT" -> api.put(path, token, Map.of("version", "1.0.0", "targets", List.of(target(cluster, "x"))));
            case "DELETE" -> api.delete(path, token);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** A problem as a client compares it: everything but where and when it was asked, the name written as NAME. */
    private static String comparable(Api.Reply reply, String name) {
        JsonNode json = reply.json();
        List<String> fields = new ArrayList<>();
        fields.add("status=" + reply.status());
        for (String field : List.of("type", "title", "status", "detail", "errors")) {
            fields.add(field + "=" + (json.has(field) ? json.get(field).toString().replace(name, "NAME") : "-"));
        }
        fields.add("etag=" + (reply.header("ETag") == null ? "-" : "present"));
        return String.join(" ", fields);
    }

    private long firstEventOf(String application) {
        JsonNode items = api.get("/api/v1/timeline?limit=500&application=" + application, ADMIN_TOKEN).expect(200).get("items");
        return items.get(items.size() - 1).get("id").asLong();
    }

    private static List<String> names(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("name").asString()).toList();
    }

    private static List<String> applicationsIn(JsonNode page) {
        return page.get("items").valueStream().map(item -> text(item, "application")).filter(a -> a != null).toList();
    }

    private static String text(JsonNode json, String field) {
        return json.has(field) && !json.get(field).isNull() ? json.get(field).asString() : null;
    }
}
