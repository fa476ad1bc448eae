package io.berth.kubesim.server;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process access to fabric8's CRUD store: requests handed straight to its dispatcher, without
 * HTTP and without the simulator's own rules (auth, faults, status isolation). The simulator's rules
 * use it to read and write the objects they adjust.
 */
final class Store {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dispatcher crud;

    Store(Dispatcher crud) {
        this.crud = crud;
    }

    Reply get(String path) {
        return send(HttpMethod.GET, path, null, null);
    }

    Reply post(String collectionPath, JsonNode body) {
        return send(HttpMethod.POST, collectionPath, body.toString(), "application/json");
    }

    Reply put(String objectPath, JsonNode body) {
        return send(HttpMethod.PUT, objectPath, body.toString(), "application/json");
    }

    Reply forward(RecordedRequest request) {
        return Reply.of(crud.dispatch(request));
    }

    MockResponse dispatch(RecordedRequest request) {
        return crud.dispatch(request);
    }

    private Reply send(HttpMethod method, String path, String body, String contentType) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        Buffer buffer = new Buffer();
        if (body != null) {
            buffer.writeUtf8(body);
        }
        return Reply.of(crud.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer)));
    }

    /** A response of the store: its status code and body. */
    record Reply(int code, String body) {

        static Reply of(MockResponse response) {
            return new Reply(codeOf(response), text(response.getBody()));
        }

        boolean ok() {
            return code >= 200 && code < 300;
        }

        JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        MockResponse toResponse() {
            return Responses.json(code, body);
        }
    }

    /** The buffer's content, without consuming it (the same buffer may still be sent). */
    static String text(Buffer buffer) {
        return buffer == null ? "" : new String(buffer.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** "HTTP/1.1 404 Not Found" → 404. */
    static int codeOf(MockResponse response) {
        String status = response.getStatus();
        String[] parts = status == null ? new String[0] : status.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
    }
}
