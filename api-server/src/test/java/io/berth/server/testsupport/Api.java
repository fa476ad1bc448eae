package io.berth.server.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for the API tests: every call goes through Tomcat, filters and security. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Reply get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Reply delete(String path, String token, String... headers) {
        return send(builder(path, token, headers).DELETE());
    }

    public Reply post(String path, String token, Object body, String... headers) {
        return send(builder(path, token, headers).POST(json(body)));
    }

    public Reply put(String path, String token, Object body, String... headers) {
        return send(builder(path, token, headers).PUT(json(body)));
    }

    public Reply patch(String path, String token, Object body, String... headers) {
        return send(builder(path, token, headers).method("PATCH", json(body)));
    }

    /** Sends a raw body: for malformed JSON, oversized requests and other media types (headers as name, value pairs). */
    public Reply raw(String method, String path, String token, HttpRequest.BodyPublisher body, String... headers) {
        return send(builder(path, token, headers).method(method, body));
    }

    private HttpRequest.Builder builder(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and the body as text and JSON. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** The body as JSON, when the status is the one expected; else an exception naming both (for benchmarks and mains). */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ": " + this);
            }
            return json();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
