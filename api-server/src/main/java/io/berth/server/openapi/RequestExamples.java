package io.berth.server.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example of each JSON request body, from {@code openapi/examples/<operationId>.json} on the class
 * path: whole JSON documents, readable and reviewable as such, rather than strings in annotations. A
 * test sends every one to Berth, so that an example Berth would refuse cannot stay in the document.
 */
final class RequestExamples {

    private static final String FOLDER = "/openapi/examples/";
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JsonMapper json;

    RequestExamples(JsonMapper json) {
        this.json = json;
    }

    void addTo(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Map<String, Object> example = read(operation.getOperationId());
        if (example == null) {
            return;
        }
        for (Map.Entry<String, MediaType> content : operation.getRequestBody().getContent().entrySet()) {
            if (content.getKey().endsWith("json")) {
                content.getValue().setExample(example);
            }
        }
    }

    private Map<String, Object> read(String operationId) {
        try (InputStream in = RequestExamples.class.getResourceAsStream(FOLDER + operationId + ".json")) {
            return in == null ? null : json.readValue(in, OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example of " + operationId, e);
        }
    }
}
