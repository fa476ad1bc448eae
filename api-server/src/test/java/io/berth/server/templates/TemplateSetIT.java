package io.berth.server.templates;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.Api.Reply;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateSetIT extends TemplateTestBase {

    @Test
    void createReturnsTheSetWithLocationAndETagAndRecordsWhoCreatedIt() {
        String operator = tokenWithRole("operator");
        String name = unique("web");

        Reply created = api.post(SETS, operator, Map.of("name", name, "description", "Web servers",
                "labels", Map.of("team", "web")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(SETS + "/" + name);
        assertThat(created.header("ETag")).matches("\"\\d+\"");
        JsonNode set = created.json();
        assertThat(set.get("name").asString()).isEqualTo(name);
        assertThat(set.get("description").asString()).isEqualTo("Web servers");
        assertThat(set.get("labels").get("team").asString()).isEqualTo("web");
        assertThat(set.get("createdBy").asString()).isNotBlank().isEqualTo(set.get("updatedBy").asString());
        assertThat(set.get("createdAt").asString()).endsWith("Z");
        Reply read = api.get(SETS + "/" + name, operator);
        assertThat(read.json().get("name").asString()).isEqualTo(name);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
    }

    @Test
    void refusesNamesThatAreNotDnsLabelsAndBadLabels() {
        for (String bad : List.of("Web", "web_1", "-web", "web-", "a".repeat(64), "")) {
            Reply reply = api.post(SETS, ADMIN_TOKEN, Map.of("name", bad));
            assertProblem(reply, 422, "validation-failed");
            assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        }
        Reply badLabels = api.post(SETS, ADMIN_TOKEN, Map.of("name", unique("labels"), "labels", Map.of("bad key!", "x")));
        assertProblem(badLabels, 422, "validation-failed");
        assertThat(badLabels.json().get("errors").get(0).get("field").asString()).isEqualTo("labels.bad key!");
    }

    @Test
    void aSecondSetWithTheSameNameIsAConflict() {
        String name = createSet("twice");

        assertProblem(api.post(SETS, ADMIN_TOKEN, Map.of("name", name)), 409, "already-exists");
    }

    @Test
    void unknownSetIsNotFound() {
        assertProblem(api.get(SETS + "/no-such-set", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.patch(SETS + "/no-such-set", ADMIN_TOKEN, Map.of("description", "x")), 404, "not-found");
        assertProblem(api.delete(SETS + "/no-such-set", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.get(SETS + "/no-such-set/versions", ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void patchWithCurrentETagChangesDescriptionAndLabelsAndStaleETagIsRefused() {
        String name = createSet(unique("edit"), Map.of("team", "web"), "Before");
        String etag = api.get(SETS + "/" + name, ADMIN_TOKEN).header("ETag");
        String operator = tokenWithRole("operator");

        Reply changed = api.patch(SETS + "/" + name, operator, Map.of("labels", Map.of("team", "data")), "If-Match", etag);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("labels").get("team").asString()).isEqualTo("data");
        assertThat(changed.json().get("description").asString()).as("left out, so kept").isEqualTo("Before");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.json().get("updatedBy").asString()).isNotEqualTo(changed.json().get("createdBy").asString());

        Reply stale = api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "Lost update"), "If-Match", etag);

        assertProblem(stale, 412, "precondition-failed");
        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).json().get("description").asString()).isEqualTo("Before");
        assertProblem(api.patch(SETS + "/" + name, ADMIN_TOKEN, Map.of("description", "x"), "If-Match", "not-an-etag"),
                412, "precondition-failed");
    }

    @Test
    void publishingAVersionDoesNotChangeTheSetsETag() {
        String name = createSet("etag");
        String etag = api.get(SETS + "/" + name, ADMIN_TOKEN).header("ETag");

        published(name, "1.0.0", example("etcd-cluster"));

        assertThat(api.get(SETS + "/" + name, ADMIN_TOKEN).header("ETag")).isEqualTo(etag);
    }

    @Test
    void deleteRemovesTheSetWithItsVersionsAndHonoursIfMatch() {
        String name = createSet("gone");
        published(name, "1.0.0", example("etcd-cluster"));
        published(name, "1.1.0", example("etcd-cluster"));

        assertProblem(api.delete(SETS + "/" + name, ADMIN_TOKEN, "If-Match", "\"7\""), 412, "precondition-failed");
        Reply deleted = api.delete(SETS + "/" + name, ADMIN_TOKEN, "If-Match", api.get(SETS + "/" + name, ADMIN_TOKEN).header("ETag"));

        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(api.get(SETS + "/" + name, ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.get(SETS + "/" + name + "/versions/1.0.0", ADMIN_TOKEN), 404, "not-found");
        assertThat(jdbc.queryForObject("select count(*) from template_version v where not exists"
                + " (select 1 from template_set s where s.id = v.template_set_id)", Integer.class)).isZero();
        createSet(name, Map.of(), "the name is free again");
        assertThat(api.get(SETS + "/" + name + "/versions", ADMIN_TOKEN).json().get("items")).isEmpty();
    }

    @Test
    void viewerReadsButCannotCreateEditOrDelete() {
        String viewer = tokenWithRole("viewer");
        String name = createSet("viewer");

        assertThat(api.get(SETS + "/" + name, viewer).status()).isEqualTo(200);
        assertThat(api.get(SETS, viewer).status()).isEqualTo(200);
        assertProblem(api.post(SETS, viewer, Map.of("name", unique("nope"))), 403, "forbidden");
        assertProblem(api.patch(SETS + "/" + name, viewer, Map.of("description", "x")), 403, "forbidden");
        assertProblem(api.delete(SETS + "/" + name, viewer), 403, "forbidden");
        assertProblem(api.get(SETS, null), 401, "unauthenticated");
    }

    @Test
    void listsFilterByLabelSelectorAndTextAndPageWithCursors() {
        String run = unique("run");
        createSet(run + "-nginx", Map.of("run", run, "team", "web"), "Web server with TLS");
        createSet(run + "-etcd", Map.of("run", run, "team", "data", "tier", "db"), "Key-value store");
        createSet(run + "-redis", Map.of("run", run, "team", "data", "tier", "cache"), "In-memory cache, 100% RAM");
        createSet(run + "-legacy", Map.of("run", run, "team", "web", "legacy", "yes"), null);

        assertThat(names("labelSelector=run%3D" + run)).containsExactly(run + "-etcd", run + "-legacy", run + "-nginx", run + "-redis");
        assertThat(names("labelSelector=run%3D" + run + ",team%3Ddata")).containsExactly(run + "-etcd", run + "-redis");
        assertThat(names("labelSelector=run%3D" + run + ",tier+in+(db,cache),team!%3Dweb")).containsExactly(run + "-etcd", run + "-redis");
        assertThat(names("labelSelector=run%3D" + run + ",!legacy,team%3Dweb")).containsExactly(run + "-nginx");
        assertThat(names("labelSelector=run%3D" + run + "&q=TLS")).as("description, ignoring case").containsExactly(run + "-nginx");
        assertThat(names("labelSelector=run%3D" + run + "&q=ETCD")).as("name, ignoring case").containsExactly(run + "-etcd");
        assertThat(names("labelSelector=run%3D" + run + "&q=100%25")).as("% is literal").containsExactly(run + "-redis");
        assertThat(names("labelSelector=run%3D" + run + "&q=_")).as("_ is literal").isEmpty();
        assertThat(names("q=" + run + "-l")).containsExactly(run + "-legacy");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(SETS + "?limit=3&labelSelector=run%3D" + run + (cursor == null ? "" : "&cursor=" + cursor),
                    ADMIN_TOKEN).json();
            page.get("items").forEach(item -> paged.add(item.get("name").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(paged).containsExactly(run + "-etcd", run + "-legacy", run + "-nginx", run + "-redis");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void badListParametersAreProblems() {
        assertProblem(api.get(SETS + "?labelSelector=env+in+prod", ADMIN_TOKEN), 422, "validation-failed");
        assertProblem(api.get(SETS + "?limit=0", ADMIN_TOKEN), 422, "validation-failed");
        assertProblem(api.get(SETS + "?cursor=not-a-cursor", ADMIN_TOKEN), 400, "malformed-request");
        assertProblem(api.get(SETS + "?q=" + "x".repeat(300), ADMIN_TOKEN), 422, "validation-failed");
    }

    @Test
    void aPatchMergesLabelsKeyByKeyAndNullRemovesALabelOrTheDescription() {
        String name = createSet(unique("relabel"), new LinkedHashMap<>(Map.of("a", "1", "b", "2")), "Before");

        Reply relabelled = api.raw("PATCH", SETS + "/" + name, ADMIN_TOKEN,
                HttpRequest.BodyPublishers.ofString("{\"labels\":{\"b\":null,\"c\":\"3\"}}"),
                "Content-Type", "application/merge-patch+json");

        assertThat(relabelled.status()).as(relabelled.toString()).isEqualTo(200);
        assertThat(relabelled.json().get("labels")).isEqualTo(Api.JSON.readTree("{\"a\":\"1\",\"c\":\"3\"}"));
        assertThat(relabelled.json().get("description").asString()).isEqualTo("Before");

        Reply undescribed = api.raw("PATCH", SETS + "/" + name, ADMIN_TOKEN,
                HttpRequest.BodyPublishers.ofString("{\"description\":null}"));

        assertThat(undescribed.status()).as(undescribed.toString()).isEqualTo(200);
        assertThat(undescribed.json().path("description").isNull() || undescribed.json().path("description").isMissingNode())
                .as(undescribed.toString()).isTrue();
        assertThat(undescribed.json().get("labels").size()).isEqualTo(2);
    }

    private List<String> names(String query) {
        Reply reply = api.get(SETS + "?" + query, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("items").valueStream().map(item -> item.get("name").asString()).toList();
    }
}
