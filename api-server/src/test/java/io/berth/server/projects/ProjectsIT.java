package io.berth.server.projects;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProjectsIT extends ApiTestBase {

    private static final Map<String, Object> TEAM_A_NAMESPACES = Map.of("clusters", List.of("prod-*"),
            "namespaces", List.of("team-a", "team-a-*"));

    @Test
    void theDefaultProjectHoldsWhatExistedAndAllowsEveryClusterAndNamespace() {
        JsonNode project = api.get("/api/v1/projects/default", ADMIN_TOKEN).expect(200);

        assertThat(project.get("destinations").toString()).isEqualTo("[{\"clusters\":[\"*\"],\"clusterSelector\":null,\"namespaces\":[\"*\"]}]");
        // a set created without naming a project, as before projects, goes to default
        String set = unique("set");
        assertThat(api.post("/api/v1/template-sets", ADMIN_TOKEN, Map.of("name", set)).expect(201).get("project").asString())
                .isEqualTo("default");
        assertProblem(api.delete("/api/v1/projects/default", ADMIN_TOKEN), 409, "conflict");
        api.get("/api/v1/projects/default", ADMIN_TOKEN).expect(200);
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesAProject() {
        String name = unique("team-a");
        Api.Reply created = api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "displayName", "Team A",
                "labels", Map.of("org", "payments"), "destinations", List.of(TEAM_A_NAMESPACES),
                "quota", Map.of("maxApplications", 10)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/projects/" + name);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.json().get("quota").get("maxApplications").asInt()).isEqualTo(10);
        assertThat(created.json().get("quota").get("maxReplicas").isNull()).isTrue();
        assertThat(created.json().get("templateSets").isNull()).isTrue();

        JsonNode read = api.get("/api/v1/projects/" + name, ADMIN_TOKEN).expect(200);
        assertThat(read).isEqualTo(created.json());

        JsonNode changed = api.patch("/api/v1/projects/" + name, ADMIN_TOKEN, Map.of("description", "Payments",
                "quota", Map.of("maxReplicas", 40), "templateSets", List.of("nginx-*")), "If-Match", "\"0\"").expect(200);
        assertThat(changed.get("description").asString()).isEqualTo("Payments");
        assertThat(changed.get("displayName").asString()).isEqualTo("Team A");
        assertThat(changed.get("quota").get("maxApplications").asInt()).isEqualTo(10);
        assertThat(changed.get("quota").get("maxReplicas").asInt()).isEqualTo(40);
        assertThat(changed.get("version").asLong()).isEqualTo(1);

        assertProblem(api.patch("/api/v1/projects/" + name, ADMIN_TOKEN, Map.of("description", "late"), "If-Match", "\"0\""),
                412, "precondition-failed");
        assertThat(api.get("/api/v1/projects/" + name, ADMIN_TOKEN).expect(200).get("description").asString()).isEqualTo("Payments");

        assertThat(api.delete("/api/v1/projects/" + name, ADMIN_TOKEN).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/projects/" + name, ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void invalidDestinationsAreRefusedWithEachFieldAndNothingIsWritten() {
        String name = unique("bad");
        Api.Reply refused = api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations", List.of(
                Map.of("clusters", List.of("Prod_1"), "namespaces", List.of("team-a")),
                Map.of("clusterSelector", "env in (", "namespaces", List.of()))));

        assertProblem(refused, 422, "validation-failed");
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly(
                "destinations[0].clusters[0]", "destinations[1].clusterSelector", "destinations[1].namespaces");
        assertProblem(api.get("/api/v1/projects/" + name, ADMIN_TOKEN), 404, "not-found");

        String kept = unique("kept");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", kept, "destinations", List.of(TEAM_A_NAMESPACES))).expect(201);
        Api.Reply badPatch = api.patch("/api/v1/projects/" + kept, ADMIN_TOKEN, Map.of("destinations",
                List.of(Map.of("clusters", List.of("*"), "clusterSelector", "env=prod", "namespaces", List.of("*")))));
        assertProblem(badPatch, 422, "validation-failed");
        assertThat(api.get("/api/v1/projects/" + kept, ADMIN_TOKEN).expect(200).get("destinations").get(0).get("clusters")
                .get(0).asString()).isEqualTo("prod-*");
    }

    @Test
    void aTakenNameIsAConflictAndOnlyAdminsChangeProjects() {
        String name = unique("taken");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations", List.of())).expect(201);
        assertProblem(api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations", List.of())),
                409, "already-exists");

        String operator = tokenWithRole("operator");
        assertProblem(api.post("/api/v1/projects", operator, Map.of("name", unique("op"), "destinations", List.of())),
                403, "forbidden");
        assertProblem(api.delete("/api/v1/projects/" + name, operator), 403, "forbidden");
        assertThat(api.get("/api/v1/projects/" + name, operator).status()).isEqualTo(200);
    }

    @Test
    void aProjectThatHoldsAnApplicationIsNotDeleted() {
        String name = unique("holder");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", name, "destinations", List.of())).expect(201);
        // until applications are created in projects through the API, one is moved there in the database
        String application = unique("app");
        jdbc.update("""
                insert into application (id, name, template_set, state, version, created_at, updated_at, project_id)
                select gen_random_uuid(), ?, 'nginx-web', 'Deleted', 0, now(), now(), id from project where name = ?""",
                application, name);

        Api.Reply refused = api.delete("/api/v1/projects/" + name, ADMIN_TOKEN);
        assertProblem(refused, 409, "conflict");
        assertThat(refused.json().get("detail").asString()).contains("1 application(s)");
        api.get("/api/v1/projects/" + name, ADMIN_TOKEN).expect(200);

        jdbc.update("delete from application where name = ?", application);
        assertThat(api.delete("/api/v1/projects/" + name, ADMIN_TOKEN).status()).isEqualTo(204);
    }

    @Test
    void projectsAreListedInNameOrderAPageAtATime() {
        String prefix = unique("list");
        for (String suffix : List.of("b", "a", "c")) {
            api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", prefix + "-" + suffix, "destinations", List.of())).expect(201);
        }
        List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), ADMIN_TOKEN).expect(200);
            page.get("items").forEach(item -> names.add(item.get("name").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).isSorted().contains("default");
        assertThat(names.stream().filter(n -> n.startsWith(prefix)).toList())
                .containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
    }
}
