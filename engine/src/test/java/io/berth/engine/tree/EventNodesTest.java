package io.berth.engine.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events are about a target's objects, and in which order. */
class EventNodesTest {

    private static final List<InvolvedObject> WEB = List.of(new InvolvedObject("StatefulSet", "web", "uid-web"),
            new InvolvedObject("Pod", "web-0", "uid-web-0"), new InvolvedObject("PersistentVolumeClaim", "www-web-0", null));

    @Test
    void anEventIsAboutAnObjectOfTheSameKindAndNameAndTheSameUidWhenBothKnowIt() {
        List<Event> events = List.of(
                event("a", "StatefulSet", "web", "uid-web").withLastTimestamp("2026-11-20T10:00:01Z").build(),
                event("b", "Pod", "web-0", null).withLastTimestamp("2026-11-20T10:00:02Z").build(),
                event("c", "PersistentVolumeClaim", "www-web-0", "any-uid").withLastTimestamp("2026-11-20T10:00:03Z").build(),
                event("d", "Pod", "web-0", "uid-of-an-earlier-web-0").withLastTimestamp("2026-11-20T10:00:04Z").build(),
                event("e", "Service", "web", "uid-web").withLastTimestamp("2026-11-20T10:00:05Z").build(),
                event("f", "Pod", "web-1", null).withLastTimestamp("2026-11-20T10:00:06Z").build());

        assertThat(EventNodes.about(events, WEB)).extracting(EventNode::name).containsExactly("c", "b", "a");
    }

    @Test
    void eventsAreNewestFirstByTheirLastTimeFallingBackToEventTimeFirstTimeAndCreation() {
        List<Event> events = List.of(
                event("last", "Pod", "web-0", null).withLastTimestamp("2026-11-20T10:00:04Z")
                        .withFirstTimestamp("2026-11-20T09:00:00Z").build(),
                event("micro", "Pod", "web-0", null).withEventTime(new MicroTime("2026-11-20T10:00:03.250000Z")).build(),
                event("first", "Pod", "web-0", null).withFirstTimestamp("2026-11-20T10:00:02Z").build(),
                event("created", "Pod", "web-0", null).editMetadata().withCreationTimestamp("2026-11-20T10:00:01Z").endMetadata().build(),
                event("timeless", "Pod", "web-0", null).build(),
                event("later", "Pod", "web-0", null).withLastTimestamp("2026-11-20T10:00:05Z").build());

        List<EventNode> about = EventNodes.about(events, WEB);

        assertThat(about).extracting(EventNode::name).containsExactly("later", "last", "micro", "first", "created", "timeless");
        assertThat(about.get(1).firstTime()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(about.get(2).lastTime()).isEqualTo(Instant.parse("2026-11-20T10:00:03.250Z"));
        assertThat(about.get(2).firstTime()).isEqualTo(about.get(2).lastTime());
    }

    @Test
    void anEventShowsItsReasonMessageCountTypeAndSource() {
        Event backOff = event("web-0.1", "Pod", "web-0", "uid-web-0").withType("Warning").withReason("BackOff")
                .withMessage("Back-off restarting failed container nginx").withCount(7)
                .withNewSource().withComponent("kubelet").endSource().withLastTimestamp("2026-11-20T10:00:00Z").build();
        Event series = event("web-0.2", "Pod", "web-0", null).withReportingComponent("statefulset-controller")
                .withNewSeries().withCount(4).withLastObservedTime(new MicroTime("2026-11-20T10:05:00.000000Z")).endSeries()
                .withEventTime(new MicroTime("2026-11-20T10:00:00.000000Z")).build();

        List<EventNode> about = EventNodes.about(List.of(backOff, series), WEB);

        assertThat(about.get(0)).satisfies(e -> {
            assertThat(e.name()).isEqualTo("web-0.2");
            assertThat(e.count()).isEqualTo(4);
            assertThat(e.lastTime()).isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
            assertThat(e.source()).isEqualTo("statefulset-controller");
        });
        assertThat(about.get(1)).satisfies(e -> {
            assertThat(e.type()).isEqualTo("Warning");
            assertThat(e.reason()).isEqualTo("BackOff");
            assertThat(e.message()).isEqualTo("Back-off restarting failed container nginx");
            assertThat(e.count()).isEqualTo(7);
            assertThat(e.source()).isEqualTo("kubelet");
            assertThat(e.object()).isEqualTo(new InvolvedObject("Pod", "web-0", "uid-web-0"));
            assertThat(e.namespace()).isEqualTo("shop");
        });
    }

    @Test
    void theObjectsOfATreeAreItsObjectsPodsAndClaims() {
        ObjectNode web = new ObjectNode("apps/v1", "StatefulSet", "shop", "web", "uid-web", null, null, null, null,
                List.of(new PodNode("web-0", "uid-web-0", 0, "Running", true, 0, "n", null, null, null, null)),
                List.of(new ClaimNode("www-web-0", "uid-www", "www", 0, "Bound", "1Gi", null, false, null, null, null)));

        assertThat(InvolvedObject.of(List.of(web))).containsExactly(new InvolvedObject("StatefulSet", "web", "uid-web"),
                new InvolvedObject("Pod", "web-0", "uid-web-0"), new InvolvedObject("PersistentVolumeClaim", "www-web-0", "uid-www"));
    }

    private static EventBuilder event(String name, String kind, String objectName, String uid) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(objectName).withNamespace("shop").withUid(uid).endInvolvedObject();
    }
}
