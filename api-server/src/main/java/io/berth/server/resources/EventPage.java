package io.berth.server.resources;

import io.berth.engine.tree.EventNode;
import java.time.Instant;
import java.util.List;

/**
 * A page of the Kubernetes events about an application's objects, newest first: the list shape of the
 * whole API ({@code items}, {@code nextCursor}) and the targets whose cluster could not be read.
 *
 * @param nextCursor   pass as {@code cursor} for the next page; {@code null} on the last page
 * @param targetErrors the targets whose events are missing from the list, and why
 */
public record EventPage(List<EventView> items, String nextCursor, List<TargetError> targetErrors) {

    /**
     * One event.
     *
     * @param name      the Event object's name in its namespace
     * @param type      {@code Normal} or {@code Warning}
     * @param count     how many times it happened
     * @param firstTime when it first happened, when the event says
     * @param lastTime  when it last happened (its {@code lastTimestamp}, else its event time, first time or
     *                  creation): the list is ordered by it, newest first
     * @param object    what it is about: one of the application's objects, pods or claims
     * @param source    the component that reported it
     */
    public record EventView(String cluster, String namespace, String name, String type, String reason, String message,
                            int count, Instant firstTime, Instant lastTime, EventObject object, String source) {

        static EventView of(DeployedTarget target, EventNode event) {
            return new EventView(target.cluster(), target.namespace(), event.name(), event.type(), event.reason(),
                    event.message(), event.count(), event.firstTime(), event.lastTime(),
                    new EventObject(event.object().kind(), event.object().name()), event.source());
        }
    }

    /** The object an event is about. */
    public record EventObject(String kind, String name) {
    }

    /** A target whose cluster could not be read, and why (in Berth's words). */
    public record TargetError(String cluster, String namespace, String error) {
    }
}
