package io.berth.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.server.resources.EventPage.EventObject;
import io.berth.server.resources.EventPage.EventView;
import io.berth.server.web.ApiException;
import io.berth.server.web.Cursors;
import io.berth.server.web.ProblemType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of an application's events and the cursors that page through them. */
class EventKeyTest {

    @Test
    void eventsAreNewestFirstThenByClusterNamespaceAndNameWithTimelessOnesLast() {
        List<EventView> events = List.of(event("b", "shop", "e1", null), event("a", "shop", "e2", "2026-11-20T10:00:00Z"),
                event("b", "shop", "e3", "2026-11-20T10:00:00Z"), event("a", "db", "e4", "2026-11-20T10:00:00Z"),
                event("a", "shop", "e5", "2026-11-20T11:00:00Z"), event("a", "shop", "e0", "2026-11-20T10:00:00Z"));

        assertThat(events.stream().sorted(Comparator.comparing(EventKey::of, EventKey.ORDER)).map(EventView::name))
                .containsExactly("e5", "e4", "e0", "e2", "e3", "e1");
    }

    @Test
    void aCursorComesBackAsTheKeyItWasMadeFromAndTheNextPageStartsRightAfterIt() {
        EventView last = event("east", "shop", "web-0.17a2", "2026-11-20T10:00:03.250Z");
        EventKey key = EventKey.fromCursor(Cursors.encode(EventKey.of(last).text()));

        assertThat(key).isEqualTo(EventKey.of(last));
        assertThat(key.isBefore(last)).isFalse();
        assertThat(key.isBefore(event("east", "shop", "web-0.17a3", "2026-11-20T10:00:03.250Z"))).isTrue();
        assertThat(key.isBefore(event("east", "shop", "web-0.0000", "2026-11-20T10:00:03Z"))).isTrue();
        assertThat(key.isBefore(event("east", "shop", "web-0.0000", "2026-11-20T10:00:04Z"))).isFalse();

        EventView timeless = event("east", "shop", "x", null);
        assertThat(EventKey.fromCursor(Cursors.encode(EventKey.of(timeless).text()))).isEqualTo(EventKey.of(timeless));
        assertThat(EventKey.fromCursor(null)).isNull();
    }

    @Test
    void aCursorThisApiDidNotMakeIsTheMalformedRequestOfEveryList() {
        for (String foreign : List.of("not-a-cursor", Cursors.encode("nope"), Cursors.encode("yesterday|east|shop|e1"))) {
            assertThatThrownBy(() -> EventKey.fromCursor(foreign)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
        }
    }

    private static EventView event(String cluster, String namespace, String name, String lastTime) {
        return new EventView(cluster, namespace, name, "Normal", "Started", "", 1, null,
                lastTime == null ? null : Instant.parse(lastTime), new EventObject("Pod", "web-0"), null);
    }
}
