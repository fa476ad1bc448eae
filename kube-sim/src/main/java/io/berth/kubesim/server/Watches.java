package io.berth.kubesim.server;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The watch endpoint. A request with an {@code Upgrade: websocket} header (fabric8's client by default)
 * is answered by a WebSocket that carries one event per message; any other (kubectl, client-go,
 * fabric8 with {@code onlyHttpWatches}) by a streaming response with one JSON event per line. Either
 * way the watch starts as a real server starts it: without a resourceVersion (or with 0) the current
 * objects come first as ADDED, then the changes; with one, the changes made after it, including those
 * made between the client's list and its watch.
 */
final class Watches {

    /** Changes kept for watches that start from a resourceVersion; a real server's watch cache holds a few hundred per resource. */
    static final int HISTORY = 1000;

    private final Store store;
    private final WatchHub hub;
    private final ScheduledExecutorService timers;
    private final TableView tables;

    Watches(Store store, WatchHub hub, ScheduledExecutorService timers, TableView tables) {
        this.store = store;
        this.hub = hub;
        this.timers = timers;
        this.tables = tables;
    }

    MockResponse open(ApiPath path, RecordedRequest request) {
        WatchQuery query;
        try {
            query = WatchQuery.of(path);
        } catch (IllegalArgumentException e) {
            return Responses.status(400, "BadRequest", e.getMessage());
        }
        // kubectl get -w asks for Tables, as its list did
        UnaryOperator<JsonNode> render = TableView.wanted(request) ? tables.forWatch(path) : UnaryOperator.identity();
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
            return new MockResponse().withWebSocketUpgrade(new WebSocketWatch(sink -> start(query, sink, render)));
        }
        return new StreamingResponse(sink -> start(query, sink, render));
    }

    /** Watches open now, over HTTP and WebSocket. */
    int open() {
        return hub.size();
    }

    private Watch start(WatchQuery query, WatchSink sink, UnaryOperator<JsonNode> render) {
        Watch watch = new Watch(query, sink, hub, render);
        long after;
        if (query.resourceVersion() == null) {
            JsonNode list = store.get(query.listPath()).json();
            after = Long.parseLong(list.path("metadata").path("resourceVersion").asString("0"));
            list.path("items").forEach(watch::sendCurrent);
        } else {
            after = query.resourceVersion();
        }
        watch.startAfter(after);
        if (!hub.register(watch, after)) {
            watch.expired(hub.oldestAvailable());
            return watch;
        }
        if (query.timeoutSeconds() > 0) {
            watch.timeout(timers.schedule(watch::close, query.timeoutSeconds(), TimeUnit.SECONDS));
        }
        return watch;
    }
}
