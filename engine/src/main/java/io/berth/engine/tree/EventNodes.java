package io.berth.engine.tree;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Events as the tree shows them, and which of them are about a target's objects. Pure. */
final class EventNodes {

    /** Newest first; the name breaks ties, so that pages of a list never repeat or skip one. */
    static final Comparator<EventNode> NEWEST_FIRST = Comparator
            .comparing(EventNode::lastTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(EventNode::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private EventNodes() {
    }

    /** The events whose involved object is one of these, newest first. */
    static List<EventNode> about(Collection<Event> events, Collection<InvolvedObject> objects) {
        return events.stream().map(EventNodes::of)
                .filter(e -> e.object() != null && objects.stream().anyMatch(o -> o.matches(e.object())))
                .sorted(NEWEST_FIRST).toList();
    }

    static EventNode of(Event event) {
        ObjectReference involved = event.getInvolvedObject();
        InvolvedObject object = involved == null || involved.getKind() == null || involved.getName() == null ? null
                : new InvolvedObject(involved.getKind(), involved.getName(), blankToNull(involved.getUid()));
        Instant eventTime = micro(event.getEventTime());
        Instant first = firstOf(Trees.instant(event.getFirstTimestamp()), eventTime);
        Instant last = firstOf(Trees.instant(event.getLastTimestamp()),
                event.getSeries() == null ? null : micro(event.getSeries().getLastObservedTime()), eventTime, first,
                event.getMetadata() == null ? null : Trees.instant(event.getMetadata().getCreationTimestamp()));
        Integer count = event.getCount() != null ? event.getCount()
                : event.getSeries() != null ? event.getSeries().getCount() : null;
        String source = blankToNull(event.getReportingComponent()) != null ? event.getReportingComponent()
                : event.getSource() == null ? null : blankToNull(event.getSource().getComponent());
        return new EventNode(event.getMetadata() == null ? null : event.getMetadata().getNamespace(),
                event.getMetadata() == null ? null : event.getMetadata().getName(), event.getType(), event.getReason(),
                event.getMessage(), count == null || count < 1 ? 1 : count, first, last, object, source);
    }

    private static Instant micro(MicroTime time) {
        return time == null ? null : Trees.instant(time.getTime());
    }

    private static Instant firstOf(Instant... times) {
        return Stream.of(times).filter(t -> t != null).findFirst().orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
