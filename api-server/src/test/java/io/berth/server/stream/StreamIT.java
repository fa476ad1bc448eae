package io.berth.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.EventStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The timeline's live stream, read over real HTTP as a portal reads it. */
class StreamIT extends ApplicationTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    private io.berth.server.timeline.TimelineRetention retention;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aPortalFollowsADeployLiveThenResumesAfterTheLastEventItSaw() throws Exception {
        String cluster = newCluster("stream");
        String app = unique("web");
        long lastSeen;
        try (EventStream stream = EventStream.open(port, "/api/v1/stream?application=" + app, ADMIN_TOKEN)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                    "targets", List.of(target(cluster, "web")))));

            List<EventStream.Event> live = stream.until(e -> e.json().get("type").asString().equals("OperationEnded"), WAIT);
            assertThat(live).extracting(e -> e.json().get("type").asString())
                    .containsSubsequence("RevisionCreated", "OperationRequested", "OperationStarted", "StepEnded", "OperationEnded");
            assertThat(live).allSatisfy(e -> assertThat(e.json().get("application").asString()).isEqualTo(app));
            assertThat(ids(live)).isSorted().doesNotHaveDuplicates();
            assertThat(live.get(0).json().get("id").asString()).isEqualTo(live.get(0).id());
            lastSeen = Long.parseLong(live.get(live.size() - 1).id());
        }

        // while the portal is away, the application is scaled; it reconnects with the last id it saw
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 2))));
        try (EventStream stream = EventStream.open(port, "/api/v1/applications/" + app + "/stream", ADMIN_TOKEN,
                "Last-Event-ID", String.valueOf(lastSeen))) {
            List<EventStream.Event> missed = stream.until(e -> e.json().get("type").asString().equals("Scaled"), WAIT);
            assertThat(ids(missed)).allSatisfy(id -> assertThat(id).isGreaterThan(lastSeen)).isSorted();
            // exactly what the timeline holds after that id: nothing lost, nothing twice
            List<Long> timeline = new ArrayList<>();
            api.get(APPS + "/" + app + "/timeline?limit=500", ADMIN_TOKEN).json().get("items")
                    .forEach(e -> timeline.add(e.get("id").asLong()));
            assertThat(timeline.stream().filter(id -> id > lastSeen && id <= ids(missed).get(ids(missed).size() - 1)).sorted().toList())
                    .isEqualTo(ids(missed));
        }
    }

    @Test
    void aStreamOpensAtOnceWithTheDelayToReconnectAfterSoItsClientKnowsItIsOpenBeforeAnyEvent() throws Exception {
        try (EventStream stream = EventStream.open(port, "/api/v1/stream?type=ClusterLost&cluster=none-such", ADMIN_TOKEN)) {
            assertThat(stream.status()).isEqualTo(200);
            EventStream.Event first = stream.next(Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.retry()).as("the first line, before any event or keep-alive: %s", first).isEqualTo("3000");
        }
    }

    @Test
    void anEventCommittedOutsideThisInstanceReachesItsStreamAndIdleStreamsAreKeptAlive() throws Exception {
        String cluster = newCluster("stream-other");
        try (EventStream stream = EventStream.open(port, "/api/v1/stream?cluster=" + cluster + "&type=ClusterLost", ADMIN_TOKEN)) {
            assertThat(stream.next(Duration.ofSeconds(10)).retry()).isEqualTo("3000");
            EventStream.Event keepAlive = stream.next(Duration.ofSeconds(10));
            assertThat(keepAlive).isNotNull();
            assertThat(keepAlive.comment()).isEqualTo("keep-alive");

            // another Berth instance's prober, as far as this one can tell: a commit on the shared database
            jdbc.update("""
                    insert into cluster_event (cluster_id, type, from_status, to_status, reason, occurred_at)
                    select id, 'StatusChanged', 'Ready', 'Unreachable', 'connection refused', now() from cluster where name = ?""",
                    cluster);
            List<EventStream.Event> events = stream.until(e -> true, Duration.ofSeconds(10));
            JsonNode lost = events.get(0).json();
            assertThat(lost.get("type").asString()).isEqualTo("ClusterLost");
            assertThat(lost.get("cluster").asString()).isEqualTo(cluster);
            assertThat(lost.get("data").get("reason").asString()).isEqualTo("connection refused");
        }
    }

    @Test
    void aBrowserOpensTheStreamWithATicketThatWorksOnceOnTheStreamOnly() throws Exception {
        String viewer = tokenWithRole("viewer");
        Api.Reply issued = api.post("/api/v1/stream/tickets", viewer, Map.of());
        assertThat(issued.status()).isEqualTo(201);
        String ticket = issued.json().get("ticket").asString();
        assertThat(ticket).startsWith("bst_").doesNotContain(viewer.substring(6));
        assertThat(issued.json().get("expiresAt").asString()).isNotBlank();

        try (EventStream stream = EventStream.open(port, "/api/v1/stream?ticket=" + ticket, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(Duration.ofSeconds(10)).retry()).isEqualTo("3000");
            assertThat(stream.next(Duration.ofSeconds(10)).comment()).isEqualTo("keep-alive");
        }
        Api.Reply again = streamReply("/api/v1/stream?ticket=" + ticket);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("detail").asString()).contains("stream ticket");

        String forElsewhere = api.post("/api/v1/stream/tickets", viewer, Map.of()).json().get("ticket").asString();
        assertThat(api.get("/api/v1/applications?ticket=" + forElsewhere, null).status()).isEqualTo(401);

        String expired = api.post("/api/v1/stream/tickets", viewer, Map.of()).json().get("ticket").asString();
        jdbc.update("update stream_ticket set expires_at = now() - interval '1 second'");
        assertThat(streamReply("/api/v1/stream?ticket=" + expired).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/stream/tickets", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aReaderTooFarBehindIsToldToResync() throws Exception {
        String cluster = newCluster("stream-behind");
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from timeline_event", Long.class);
        // more events than a resuming stream is sent again (berth.stream.max-replay=200 in the tests)
        jdbc.update("""
                insert into cluster_event (cluster_id, type, from_status, to_status, reason, occurred_at)
                select c.id, 'StatusChanged', 'Ready', 'Unreachable', 'flapping ' || n, now()
                from cluster c, generate_series(1, 201) n where c.name = ?""", cluster);

        try (EventStream stream = EventStream.open(port, "/api/v1/stream?cluster=" + cluster, ADMIN_TOKEN,
                "Last-Event-ID", String.valueOf(before))) {
            assertThat(stream.status()).isEqualTo(200);
            EventStream.Event resync = stream.until(e -> true, Duration.ofSeconds(10)).get(0);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.json().get("reason").asString()).contains("missed");
            assertThat(stream.next(Duration.ofSeconds(10))).as("the stream ends after a resync").isNull();
        }
    }

    @Test
    void eventsPastRetentionAreDeletedAndAStreamResumingFromAmongThemIsToldToResync() throws Exception {
        String cluster = newCluster("stream-retention");
        long before = jdbc.queryForObject("select coalesce(max(id), 0) from timeline_event", Long.class);
        jdbc.update("""
                insert into cluster_event (cluster_id, type, from_status, to_status, reason, occurred_at)
                select id, 'StatusChanged', 'Ready', 'Unreachable', 'long ago', now() - interval '100 days'
                from cluster where name = ?""", cluster);
        long old = jdbc.queryForObject("select max(id) from timeline_event where cluster = ?", Long.class, cluster);

        assertThat(retention.purgeOlderThan(java.time.Instant.now().minus(Duration.ofDays(90)))).isPositive();
        assertThat(api.get("/api/v1/timeline?cluster=" + cluster, ADMIN_TOKEN).json().get("items")).isEmpty();

        try (EventStream stream = EventStream.open(port, "/api/v1/stream?cluster=" + cluster, ADMIN_TOKEN,
                "Last-Event-ID", String.valueOf(before))) {
            assertThat(stream.status()).isEqualTo(200);
            EventStream.Event resync = stream.until(e -> true, Duration.ofSeconds(10)).get(0);
            assertThat(resync.name()).isEqualTo("resync");
        }
        try (EventStream stream = EventStream.open(port, "/api/v1/stream?cluster=" + cluster + "&type=ClusterRegained",
                ADMIN_TOKEN, "Last-Event-ID", String.valueOf(old))) {
            jdbc.update("""
                    insert into cluster_event (cluster_id, type, from_status, to_status, reason, occurred_at)
                    select id, 'StatusChanged', 'Unreachable', 'Ready', null, now() from cluster where name = ?""", cluster);
            EventStream.Event regained = stream.until(e -> true, Duration.ofSeconds(10)).get(0);
            assertThat(regained.name()).isNull();
            assertThat(regained.json().get("type").asString()).isEqualTo("ClusterRegained");
        }
    }

    @Test
    void aLastEventIdThatIsNoIdOrAnUnknownApplicationIsAProblem() {
        Api.Reply bad = streamReply("/api/v1/stream", "Authorization", "Bearer " + ADMIN_TOKEN, "Last-Event-ID", "yesterday");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("Last-Event-ID");

        Api.Reply unknown = streamReply(APPS + "/" + unique("nothing") + "/stream", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(streamReply("/api/v1/stream").status()).isEqualTo(401);
    }

    private Api.Reply streamReply(String path, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = "text/event-stream";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.raw("GET", path, null, HttpRequest.BodyPublishers.noBody(), all);
    }

    private static List<Long> ids(List<EventStream.Event> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }
}
