package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;

/** Response builders: JSON bodies and Kubernetes Status objects for errors. */
final class Responses {

    private Responses() {
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse json(int code, Object body) {
        return json(code, Store.JSON.writeValueAsString(body));
    }

    /** A Kubernetes Status, as a real API server sends with every error. */
    static MockResponse status(int code, String reason, String message) {
        var status = Store.JSON.createObjectNode()
                .put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        status.putObject("metadata");
        return json(code, status.toString());
    }
}
