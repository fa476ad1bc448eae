package io.berth.kubesim.server;

import java.util.concurrent.ScheduledFuture;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One open watch: it turns the store's changes into the events its query asks for and writes them to
 * its sink. An object whose labels or fields come to match is ADDED, one that stops matching DELETED,
 * as a real server's watch reports them. Closing it (the client hung up, the timeout passed, the
 * sink could not keep up) takes it out of the hub; it never holds a thread.
 */
final class Watch implements AutoCloseable {

    private final WatchQuery query;
    private final WatchSink sink;
    private final WatchHub hub;
    private final UnaryOperator<JsonNode> render;
    private volatile long after;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> timeout;

    /** @param render turns an object into what the event carries (itself, or a Table row) */
    Watch(WatchQuery query, WatchSink sink, WatchHub hub, UnaryOperator<JsonNode> render) {
        this.query = query;
        this.sink = sink;
        this.hub = hub;
        this.render = render;
    }

    /** Changes at or before this resourceVersion are not sent (the client has them already). */
    void startAfter(long resourceVersion) {
        this.after = resourceVersion;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    /** An object the client should learn of at the start of the watch (no resourceVersion given). */
    void sendCurrent(JsonNode object) {
        if (query.matches(query.path().group(), query.path().resource(), object)) {
            send("ADDED", object);
        }
    }

    void offer(WatchHub.Parsed change) {
        if (closed || change.resourceVersion() <= after) {
            return;
        }
        boolean was = query.matches(change.group(), change.resource(), change.before());
        boolean is = query.matches(change.group(), change.resource(), change.after());
        if (was && is) {
            send("MODIFIED", change.after());
        } else if (was) {
            send("DELETED", WatchHub.objectOf(change));
        } else if (is) {
            send("ADDED", change.after());
        }
    }

    /** The ERROR event a real server sends when it cannot start from the requested resourceVersion. */
    void expired(long oldestAvailable) {
        ObjectNode status = Store.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("reason", "Expired").put("code", 410)
                .put("message", "too old resource version: " + query.resourceVersion() + " (" + oldestAvailable + ")");
        ObjectNode event = Store.JSON.createObjectNode().put("type", "ERROR");
        event.set("object", status);
        sink.send(event.toString());
        close();
    }

    private void send(String type, JsonNode object) {
        ObjectNode event = Store.JSON.createObjectNode().put("type", type);
        event.set("object", render.apply(object));
        if (!sink.send(event.toString())) {
            close(); // a client that does not read is cut off, as a real server cuts off a watcher that falls behind
        }
    }

    /** Ends the watch; safe to call more than once, from the transport or from the server's side. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hub.unregister(this);
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        sink.end();
    }
}
