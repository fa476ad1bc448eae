package io.berth.server.security;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import io.berth.server.testsupport.EventStream;
import io.berth.server.testsupport.TestIdentityProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People sign in with the organisation's identity provider and call Berth with its JWT; Berth's own
 * tokens keep working beside them. The provider is the tests' own (a key and its key set over HTTP).
 */
class SingleSignOnIT extends ApiTestBase {

    @Test
    void aPersonInAGroupBoundToPlatformAdminActsAsOneUnderTheirOwnName() {
        String jwt = TestIdentityProvider.token("alice@example.com", List.of("staff", "platform-admins"));

        String project = unique("by-sso");
        JsonNode created = api.post("/api/v1/projects", jwt, Map.of("name", project, "destinations", List.of())).expect(201);
        assertThat(created.get("createdBy").asString()).isEqualTo("alice@example.com");
        assertThat(api.get("/api/v1/tokens", jwt).status()).isEqualTo(200);
    }

    @Test
    void aGroupBoundToARoleInAProjectGivesThatRoleThereOnly() {
        String project = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", project, "destinations", List.of())).expect(201);
        String group = unique("viewers-of");
        api.put("/api/v1/projects/" + project + "/groups", ADMIN_TOKEN,
                Map.of("groups", List.of(Map.of("group", group, "role", "viewer")))).expect(200);
        String jwt = TestIdentityProvider.token("bob", List.of(group));

        assertThat(api.get("/api/v1/projects/" + project, jwt).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects?limit=500", jwt).expect(200).get("items").findValuesAsString("name"))
                .containsExactly(project);
        assertProblem(api.get("/api/v1/projects/default", jwt), 404, "not-found");
        assertProblem(api.post("/api/v1/template-sets", jwt, Map.of("name", unique("set"), "project", project)), 403, "forbidden");
        JsonNode bindings = api.get("/api/v1/projects/" + project + "/groups", jwt).expect(200);
        assertThat(bindings.get("items").get(0).get("group").asString()).isEqualTo(group);
        assertThat(bindings.get("items").get(0).get("createdBy").asString()).isEqualTo("bootstrap-admin");
        // a viewer does not manage the project's groups
        assertProblem(api.put("/api/v1/projects/" + project + "/groups", jwt,
                Map.of("groups", List.of(Map.of("group", group, "role", "admin")))), 403, "forbidden");
    }

    @Test
    void aValidTokenWhoseGroupsAreBoundToNothingIsForbiddenNotUnauthenticated() {
        String jwt = TestIdentityProvider.token("carol", List.of("nobody-knows-this-group"));
        assertProblem(api.get("/api/v1/applications", jwt), 403, "forbidden");
    }

    @Test
    void expiredForeignMisaddressedOrForgedTokensAreRefusedWithTheBearerChallenge() {
        List<String> admins = List.of("platform-admins");
        Map<String, String> refused = Map.of(
                "expired", TestIdentityProvider.expired("dave", admins),
                "wrong issuer", TestIdentityProvider.fromIssuer("https://evil.test/realms/berth", "dave", admins),
                "wrong audience", TestIdentityProvider.forAudience("another-service", "dave", admins),
                "wrong signature", TestIdentityProvider.forged("dave", admins));
        refused.forEach((why, jwt) -> {
            Api.Reply reply = api.get("/api/v1/applications", jwt);
            assertProblem(reply, 401, "unauthenticated");
            assertThat(reply.header("WWW-Authenticate")).as(why).startsWith("Bearer error=\"invalid_token\"");
            assertThat(reply.body()).as(why).doesNotContain(jwt);
        });
    }

    @Test
    void berthsOwnTokensKeepWorkingAndEveryRefusalNamesTheBearerScheme() {
        assertThat(api.get("/api/v1/applications", ADMIN_TOKEN).status()).isEqualTo(200);

        Api.Reply unknown = api.get("/api/v1/applications", "berth_not-a-token-anyone-has-0123456789");
        assertProblem(unknown, 401, "unauthenticated");
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        Api.Reply none = api.get("/api/v1/applications", null);
        assertProblem(none, 401, "unauthenticated");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aPersonsStreamTicketCarriesTheirProjectsOnly() throws Exception {
        String project = unique("team");
        api.post("/api/v1/projects", ADMIN_TOKEN, Map.of("name", project, "destinations", List.of())).expect(201);
        String group = unique("ops-of");
        api.put("/api/v1/projects/" + project + "/groups", ADMIN_TOKEN,
                Map.of("groups", List.of(Map.of("group", group, "role", "operator")))).expect(200);
        String jwt = TestIdentityProvider.token("erin", List.of(group));

        String ticket = api.post("/api/v1/stream/tickets", jwt, Map.of()).json().get("ticket").asString();
        // kept with the ticket: who asked, as a person, and their role in each project
        Map<String, Object> kept = jdbc.queryForMap("select token_name, kind, role, projects::text as projects from stream_ticket"
                + " where token_name = 'erin'");
        assertThat(kept.get("kind")).isEqualTo("USER");
        assertThat(kept.get("role")).isNull();
        String projectId = jdbc.queryForObject("select id::text from project where name = ?", String.class, project);
        assertThat((String) kept.get("projects")).contains(projectId).contains("operator");
        try (EventStream stream = EventStream.open(port, "/api/v1/stream?ticket=" + ticket, null)) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }
}
