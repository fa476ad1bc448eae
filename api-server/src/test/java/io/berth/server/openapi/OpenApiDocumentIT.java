package io.berth.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/openapi.yaml is the committed contract. This test fails when the running application's document
 * differs from it. To accept a deliberate change, run the test with -Dberth.openapi.update=true (it then
 * rewrites docs/openapi.yaml) and commit the file.
 *
 * <p>The other tests hold the document to what a reader and a client generator need: every operation
 * described, with each problem it can answer listed, request examples that Berth really reads, and
 * request bodies that generators can turn into code.
 */
class OpenApiDocumentIT extends ApiTestBase {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.yaml");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> JSON_MEDIA_TYPES = Set.of("application/json", "application/merge-patch+json");

    @Test
    void committedDocumentMatchesTheRunningApplication() throws IOException {
        Reply reply = api.get("/v3/api-docs.yaml", null);
        assertThat(reply.status()).isEqualTo(200);
        String live = reply.body();

        if (Boolean.getBoolean("berth.openapi.update")) {
            Files.writeString(COMMITTED, live);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        if (!committed.equals(live)) {
            Path fresh = Path.of("target", "openapi.yaml");
            Files.writeString(fresh, live);
            fail("docs/openapi.yaml differs from the running application's OpenAPI document (written to " + fresh.toAbsolutePath()
                    + "). If the API change is intended, run: ./mvnw -B -o -q test -pl api-server -am -Dtest=OpenApiDocumentIT"
                    + " -Dberth.openapi.update=true -Dsurefire.failIfNoSpecifiedTests=false");
        }
    }

    @Test
    void everyOperationHasAnIdATagASummaryAndADescription() {
        List<String> problems = new ArrayList<>();
        forEachOperation((where, op) -> {
            for (String field : List.of("operationId", "summary", "description")) {
                if (op.path(field).asString("").isBlank()) {
                    problems.add(where + ": no " + field);
                }
            }
            if (op.path("tags").isEmpty()) {
                problems.add(where + ": no tag");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperationListsTheProblemsItCanAnswerAndItsDescriptionNamesTheirTypes() {
        List<String> problems = new ArrayList<>();
        forEachOperation((where, op) -> {
            JsonNode responses = op.path("responses");
            for (String status : expectedErrorStatuses(where, op)) {
                if (!responses.has(status)) {
                    problems.add(where + ": no " + status + " response");
                }
            }
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (Integer.parseInt(response.getKey()) < 400) {
                    continue;
                }
                JsonNode problem = response.getValue().path("content").path(PROBLEM_JSON);
                if (!problem.path("schema").path("$ref").asString("").equals("#/components/schemas/Problem")) {
                    problems.add(where + ": the " + response.getKey() + " response is no " + PROBLEM_JSON + " Problem");
                }
                String types = response.getValue().path("description").asString("");
                for (String type : problemTypes(types)) {
                    if (!op.path("description").asString("").contains(type)) {
                        problems.add(where + ": the description does not name " + type);
                    }
                }
                if (problemTypes(types).isEmpty()) {
                    problems.add(where + ": the " + response.getKey() + " response names no problem type");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyJsonRequestBodyHasAnExampleAndNoOperationMixesAFormWithJson() {
        List<String> problems = new ArrayList<>();
        forEachOperation((where, op) -> {
            JsonNode content = op.path("requestBody").path("content");
            Set<String> mediaTypes = new TreeSet<>();
            content.propertyNames().forEach(mediaTypes::add);
            if (mediaTypes.contains("multipart/form-data") && mediaTypes.size() > 1) {
                // one operation cannot be one method of a generated client taking both a JSON object and a form
                problems.add(where + ": takes multipart/form-data and also " + mediaTypes);
            }
            for (String mediaType : mediaTypes) {
                if (JSON_MEDIA_TYPES.contains(mediaType) && !content.path(mediaType).has("example")) {
                    problems.add(where + ": no example of its " + mediaType + " body");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    /**
     * Each example is sent as it is, with a viewer's token: Berth reads and validates a body before it
     * checks the role, so an example it cannot read is a 400 (or a 422), and a good one gets as far as
     * the role check (403) or, for what viewers may do, to a resource that does not exist (404).
     */
    @Test
    void everyRequestExampleIsABodyBerthAccepts() {
        String viewer = tokenWithRole("viewer");
        List<String> refused = new ArrayList<>();
        forEachOperation((where, op) -> {
            JsonNode content = op.path("requestBody").path("content");
            for (String mediaType : JSON_MEDIA_TYPES) {
                JsonNode example = content.path(mediaType).path("example");
                if (example.isMissingNode()) {
                    continue;
                }
                String[] methodAndPath = where.split(" ", 2);
                Reply reply = api.raw(methodAndPath[0], examplePath(methodAndPath[1]), viewer,
                        HttpRequest.BodyPublishers.ofString(example.toString()), "Content-Type", mediaType);
                if (reply.status() != 403 && reply.status() != 404) {
                    refused.add(where + " (" + mediaType + "): " + reply);
                }
            }
        });
        assertThat(refused).isEmpty();
    }

    /** What every operation can answer, and what its shape says it can answer besides. */
    private static List<String> expectedErrorStatuses(String where, JsonNode op) {
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403", "500", "503"));
        if (where.contains("{")) {
            statuses.add("404");
        }
        if (op.has("requestBody")) {
            statuses.addAll(List.of("413", "415"));
        }
        for (JsonNode parameter : op.path("parameters")) {
            if (parameter.path("in").asString("").equals("header") && parameter.path("name").asString("").equals("If-Match")) {
                statuses.add("412");
            }
        }
        return statuses;
    }

    private static Set<String> problemTypes(String text) {
        Set<String> types = new TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("urn:berth:problem:[a-z-]+").matcher(text);
        while (matcher.find()) {
            types.add(matcher.group());
        }
        return types;
    }

    /** A path of the operation with names that exist nowhere, so that nothing is found and nothing changes. */
    private static String examplePath(String template) {
        return template.replace("{id}", "00000000-0000-0000-0000-000000000000").replace("{number}", "1")
                .replace("{version}", "1.0.0").replace("{toVersion}", "1.1.0").replaceAll("\\{[a-zA-Z]+}", "no-such-name");
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        assertThat(paths.size()).isGreaterThanOrEqualTo(8);
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }
    }
}
