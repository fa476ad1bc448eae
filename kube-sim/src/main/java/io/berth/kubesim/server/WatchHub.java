package io.berth.kubesim.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The changes of one cluster's store as watches see them: the open watches, and a short history of
 * recent changes so that a watch started from a resourceVersion (as informers start one after their
 * list) misses nothing that happened in between. A watch from a version older than the history is
 * told 410 Expired, as a real server says when its watch cache no longer reaches back that far.
 */
final class WatchHub {

    /**
     * One change: the object before and after (null when created, respectively removed) as stored JSON,
     * kept as text because the history holds many of them; and the change's resourceVersion: the new
     * object's, or the one given to the removal.
     */
    record Change(String group, String resource, String before, String after, long resourceVersion) {

        Parsed parse() {
            ObjectNode was = before == null ? null : (ObjectNode) Store.JSON.readTree(before);
            ObjectNode is = after == null ? null : (ObjectNode) Store.JSON.readTree(after);
            if (is == null && was != null) {
                was.withObject("metadata").put("resourceVersion", String.valueOf(resourceVersion));
            }
            return new Parsed(group, resource, was, is, resourceVersion);
        }
    }

    /** A change read once for all the watches it goes to. */
    record Parsed(String group, String resource, ObjectNode before, ObjectNode after, long resourceVersion) {
    }

    private final int capacity;
    private final FaultState faults;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final Set<Watch> watches = new LinkedHashSet<>();
    /** Changes not delivered yet while the faults hold watch events back, oldest first. */
    private final List<Change> heldBack = new ArrayList<>();
    private long forgottenUpTo;

    WatchHub(int capacity, FaultState faults) {
        this.capacity = capacity;
        this.faults = faults;
        faults.onWatchEventsReleased(this::release);
    }

    synchronized void publish(Change change) {
        history.addLast(change);
        if (history.size() > capacity) {
            forgottenUpTo = history.removeFirst().resourceVersion();
        }
        if (faults.watchEventsHeld()) {
            heldBack.add(change); // a lagging watch: the store has changed, its watchers hear of it later
            return;
        }
        deliver(change);
    }

    /** Delivers what was held back, in order. */
    private synchronized void release() {
        List<Change> held = List.copyOf(heldBack);
        heldBack.clear();
        held.forEach(this::deliver);
    }

    private void deliver(Change change) {
        if (watches.isEmpty()) {
            return;
        }
        Parsed parsed = change.parse();
        for (Watch watch : List.copyOf(watches)) {
            watch.offer(parsed);
        }
    }

    /**
     * Adds the watch after handing it the changes made after {@code resourceVersion}; false when the
     * history does not reach back that far.
     */
    synchronized boolean register(Watch watch, long resourceVersion) {
        if (resourceVersion < forgottenUpTo) {
            return false;
        }
        for (Change change : history) {
            // what is held back reaches this watch with the others, when let go
            if (change.resourceVersion() > resourceVersion && !heldBack.contains(change)) {
                watch.offer(change.parse());
            }
        }
        watches.add(watch);
        return true;
    }

    /** The oldest resourceVersion a watch may start after. */
    synchronized long oldestAvailable() {
        return forgottenUpTo;
    }

    synchronized void unregister(Watch watch) {
        watches.remove(watch);
    }

    synchronized int size() {
        return watches.size();
    }

    /** The object a change brings to a watcher: what it became, or for a removal the last state. */
    static JsonNode objectOf(Parsed change) {
        return change.after() != null ? change.after() : change.before();
    }
}
