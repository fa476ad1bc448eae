package io.berth.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/openapi.yaml is the committed contract. This test fails when the running application's document
 * differs from it. To accept a deliberate change, run the test with -Dberth.openapi.update=true (it then
 * rewrites docs/openapi.yaml) and commit the file.
 */
class OpenApiDocumentIT extends ApiTestBase {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.yaml");

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
                    + "). If the API change is intended, run: ./mvnw -pl api-server test -Dtest=OpenApiDocumentIT -Dberth.openapi.update=true");
        }
    }

    @Test
    void everyOperationHasAnIdATagASummaryAndItsProblemResponses() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode op = operation.getValue();
                if (op.path("operationId").asString("").isBlank()) {
                    problems.add(where + ": no operationId");
                }
                if (op.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                if (op.path("summary").asString("").isBlank()) {
                    problems.add(where + ": no summary");
                }
                for (String status : List.of("400", "401", "403", "500")) {
                    if (!op.path("responses").has(status)) {
                        problems.add(where + ": no " + status + " response");
                    }
                }
                if (path.getKey().contains("{name}") && !op.path("responses").has("404")) {
                    problems.add(where + ": no 404 response");
                }
            }
        }
        assertThat(paths.size()).isGreaterThanOrEqualTo(8);
        assertThat(problems).isEmpty();
    }
}
