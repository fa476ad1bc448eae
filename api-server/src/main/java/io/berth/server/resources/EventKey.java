package io.berth.server.resources;

import io.berth.server.resources.EventPage.EventView;
import io.berth.server.web.Cursors;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Where an event stands in the list: newest first by its last time (events without one last), then by
 * cluster, namespace and name, which no two events share. The cursor of a page wraps the key of its last
 * event, so the next page starts right after it however many events came in between. Pure.
 */
record EventKey(Instant time, String cluster, String namespace, String name) {

    static final Comparator<EventKey> ORDER = Comparator
            .comparing(EventKey::time, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(EventKey::cluster).thenComparing(EventKey::namespace).thenComparing(EventKey::name);

    /** No cluster, namespace or event name holds it: they are DNS names. */
    private static final String SEPARATOR = "|";
    private static final String NO_TIME = "-";

    static EventKey of(EventView event) {
        return new EventKey(event.lastTime(), event.cluster(), event.namespace(), event.name() == null ? "" : event.name());
    }

    /** Whether the event comes after this key in the list. */
    boolean isBefore(EventView event) {
        return ORDER.compare(this, of(event)) < 0;
    }

    /** The inside of a cursor (which {@link Cursors#encode} wraps). */
    String text() {
        return (time == null ? NO_TIME : time.toString()) + SEPARATOR + cluster + SEPARATOR + namespace + SEPARATOR + name;
    }

    /**
     * The key inside a cursor, {@code null} for no cursor.
     *
     * @throws io.berth.server.web.ApiException the 400 problem of every list for a cursor this API did not return
     */
    static EventKey fromCursor(String cursor) {
        String text = Cursors.decode(cursor);
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\" + SEPARATOR, -1);
        if (parts.length != 4) {
            throw Cursors.foreignCursor();
        }
        try {
            return new EventKey(NO_TIME.equals(parts[0]) ? null : Instant.parse(parts[0]), parts[1], parts[2], parts[3]);
        } catch (DateTimeParseException e) {
            throw Cursors.foreignCursor();
        }
    }
}
