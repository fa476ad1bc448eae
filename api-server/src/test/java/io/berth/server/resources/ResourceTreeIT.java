package io.berth.server.resources;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.applications.ApplicationTestBase;
import io.berth.server.testsupport.Api;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The resource tree and the events of applications, read live through the API from simulated clusters. */
class ResourceTreeIT extends ApplicationTestBase {

    @Test
    void nginxWebShowsItsPodsAndBoundClaimsAndAScaleDownLeavesTheHigherClaimsRetained() {
        String cluster = newCluster("tree");
        String app = unique("web");
        awaitSucceeded(deploy(nginx(app, cluster)));
        String viewer = tokenWithRole("viewer");

        Api.Reply reply = api.get(APPS + "/" + app + "/resources", viewer);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("application").asString()).isEqualTo(app);
        JsonNode target = reply.json().get("targets").get(0);
        assertThat(target.get("cluster").asString()).isEqualTo(cluster);
        assertThat(target.get("namespace").asString()).isEqualTo("shop");
        assertThat(target.get("revisionApplied").asInt()).isEqualTo(1);
        assertThat(target.get("error").isNull()).isTrue();
        assertThat(texts(target.get("objects"), "kind")).containsExactly("Service", "StatefulSet");
        JsonNode web = object(target, "StatefulSet");
        assertThat(web.get("health").asString()).isEqualTo("Healthy");
        assertThat(web.get("summary").get("desiredReplicas").asInt()).isEqualTo(3);
        assertThat(texts(web.get("pods"), "name")).containsExactly("web-0", "web-1", "web-2");
        assertThat(web.get("pods").valueStream().map(p -> p.get("ordinal").asInt())).containsExactly(0, 1, 2);
        assertThat(web.get("pods").valueStream()).allSatisfy(pod -> {
            assertThat(pod.get("ready").asBoolean()).isTrue();
            assertThat(pod.get("phase").asString()).isEqualTo("Running");
            assertThat(pod.get("restarts").asInt()).isZero();
            assertThat(pod.get("node").asString()).startsWith("sim-node-");
            assertThat(pod.get("controllerRevision").asString()).startsWith("web-");
            assertThat(Instant.parse(pod.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
            assertThat(pod.get("ageSeconds").asLong()).isNotNegative();
        });
        assertThat(texts(web.get("claims"), "name")).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(texts(web.get("claims"), "phase")).containsOnly("Bound");
        assertThat(web.get("claims").valueStream().map(c -> c.get("retained").asBoolean())).containsOnly(false);
        assertThat(object(target, "Service").get("health").isNull()).isTrue();

        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 1, "wait", true))));
        JsonNode scaled = awaitObject(app, "StatefulSet", s -> s.get("pods").size() == 1);

        assertThat(texts(scaled.get("claims"), "name")).containsExactly("www-web-0", "www-web-1", "www-web-2");
        assertThat(scaled.get("claims").valueStream().map(c -> c.get("retained").asBoolean())).containsExactly(false, true, true);
        assertThat(scaled.get("claims").get(1).get("retainedBecause").asString()).contains("scale-down");
        assertThat(scaled.get("claims").get(0).get("retainedBecause").isNull()).isTrue();
        assertThat(api.get(APPS + "/" + app + "/resources?cluster=" + unique("elsewhere"), viewer).json().get("targets")).isEmpty();
    }

    @Test
    void theEventsAboutTheApplicationsObjectsPodsAndClaimsComeNewestFirstInPages() {
        String cluster = newCluster("events");
        String app = unique("web");
        awaitSucceeded(deploy(nginx(app, cluster)));
        event(cluster, "test-web", "StatefulSet", "web", "SuccessfulCreate", "2026-11-20T10:00:01Z");
        event(cluster, "test-nginx", "Service", "nginx", "Updated", "2026-11-20T10:00:02Z");
        event(cluster, "test-web-0", "Pod", "web-0", "Started", "2026-11-20T10:00:05Z");
        event(cluster, "test-web-2", "Pod", "web-2", "BackOff", "2026-11-20T10:00:03Z");
        event(cluster, "test-www-web-1", "PersistentVolumeClaim", "www-web-1", "Provisioned", "2026-11-20T10:00:04Z");
        event(cluster, "test-stranger", "Pod", "stranger-0", "Started", "2026-11-20T10:00:06Z");

        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(APPS + "/" + app + "/events?limit=2" + (cursor == null ? "" : "&cursor=" + encode(cursor)),
                    ADMIN_TOKEN);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            assertThat(page.json().get("targetErrors")).isEmpty();
            page.json().get("items").valueStream().forEach(all::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 50);

        List<JsonNode> ours = all.stream().filter(e -> e.get("name").asString().startsWith("test-")).toList();
        assertThat(ours).extracting(e -> e.get("name").asString())
                .containsExactly("test-web-0", "test-www-web-1", "test-web-2", "test-nginx", "test-web");
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(all).extracting(e -> e.get("lastTime").asString()).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        JsonNode started = ours.get(0);
        assertThat(started.get("cluster").asString()).isEqualTo(cluster);
        assertThat(started.get("namespace").asString()).isEqualTo("shop");
        assertThat(started.get("reason").asString()).isEqualTo("Started");
        assertThat(started.get("message").asString()).isEqualTo("Started web-0");
        assertThat(started.get("count").asInt()).isEqualTo(2);
        assertThat(started.get("type").asString()).isEqualTo("Normal");
        assertThat(started.get("object").get("kind").asString()).isEqualTo("Pod");
        assertThat(started.get("object").get("name").asString()).isEqualTo("web-0");
        assertThat(started.get("firstTime").asString()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(started.get("lastTime").asString()).isEqualTo("2026-11-20T10:00:05Z");

        assertProblem(api.get(APPS + "/" + app + "/events?cursor=not-a-cursor", ADMIN_TOKEN), 400, "malformed-request");
        assertProblem(api.get(APPS + "/" + app + "/events?cursor=djE6bm9wZQ", ADMIN_TOKEN), 400, "malformed-request");
        assertProblem(api.get(APPS + "/" + app + "/events?limit=0", ADMIN_TOKEN), 422, "validation-failed");
        assertProblem(api.get(APPS + "/" + app + "/events?limit=501", ADMIN_TOKEN), 422, "validation-failed");
    }

    @Test
    void aClusterThatCannotBeReadOrAnswersTooSlowlyFailsOnlyItsOwnTarget() {
        String alive = newCluster("alive");
        String dead = newCluster("dead");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(alive, "shop"), target(dead, "shop")), "wait", true)));

        simulated(dead).faults().unreachable();
        try {
            Api.Reply reply = api.get(APPS + "/" + app + "/resources", ADMIN_TOKEN);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode unread = targetOn(reply.json(), dead);
            assertThat(unread.get("error").asString()).startsWith("Cluster '" + dead + "'").contains("refused");
            assertThat(unread.get("objects").isNull()).isTrue();
            assertThat(reply.body()).doesNotContain("berth_").doesNotContain("Exception");
            JsonNode read = targetOn(reply.json(), alive);
            assertThat(read.get("error").isNull()).isTrue();
            assertThat(texts(object(read, "StatefulSet").get("pods"), "name")).containsExactly("web-0", "web-1", "web-2");

            Api.Reply events = api.get(APPS + "/" + app + "/events", ADMIN_TOKEN);
            assertThat(events.status()).as(events.toString()).isEqualTo(200);
            assertThat(events.json().get("targetErrors")).singleElement().satisfies(error -> {
                assertThat(error.get("cluster").asString()).isEqualTo(dead);
                assertThat(error.get("error").asString()).startsWith("Cluster '" + dead + "'");
            });
        } finally {
            simulated(dead).faults().reachable();
        }

        simulated(dead).faults().latency(Duration.ofSeconds(8)); // longer than berth.resources.deadline (5s)
        try {
            Api.Reply slow = api.get(APPS + "/" + app + "/resources", ADMIN_TOKEN);

            assertThat(slow.status()).as(slow.toString()).isEqualTo(200);
            assertThat(targetOn(slow.json(), dead).get("error").asString())
                    .startsWith("Cluster '" + dead + "'").endsWith("in time (gave up after 5s)");
            assertThat(targetOn(slow.json(), alive).get("objects")).hasSize(2);
        } finally {
            simulated(dead).faults().clear();
        }
    }

    @Test
    void theEtcdClusterShowsTheMemberPodsItOwnsAndItsStatusSummary() {
        String cluster = newCluster("tree-etcd");
        String operator = unique("etcd-operator");
        awaitSucceeded(deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0",
                "targets", List.of(target(cluster, "db")), "wait", true)));
        String etcd = unique("etcd");
        awaitSucceeded(deploy(Map.of("name", etcd, "templateSet", "etcd-cluster", "version", "1.0.0",
                "targets", List.of(target(cluster, "db")), "wait", true)));

        JsonNode etcdCluster = awaitObject(etcd, "EtcdCluster", e -> "Healthy".equals(e.get("health").asString()));

        JsonNode summary = etcdCluster.get("summary");
        assertThat(summary.get("phase").asString()).isEqualTo("Running");
        assertThat(summary.get("desiredReplicas").asInt()).isEqualTo(3);
        assertThat(summary.get("currentReplicas").asInt()).isEqualTo(3);
        assertThat(summary.get("unreadyMembers")).isEmpty();
        assertThat(etcdCluster.get("pods")).hasSize(3);
        assertThat(texts(etcdCluster.get("pods"), "name")).allMatch(n -> n.startsWith("example-etcd-cluster-"))
                .containsExactlyElementsOf(summary.get("readyMembers").valueStream().map(JsonNode::asString).toList());
        assertThat(etcdCluster.get("pods").valueStream()).allSatisfy(pod -> {
            assertThat(pod.get("ordinal").isNull()).isTrue();
            assertThat(pod.get("ready").asBoolean()).isTrue();
        });
        JsonNode operatorTarget = api.get(APPS + "/" + operator + "/resources", ADMIN_TOKEN).json().get("targets").get(0);
        assertThat(object(operatorTarget, "Deployment").get("pods")).singleElement()
                .satisfies(pod -> assertThat(pod.get("name").asString()).startsWith("etcd-operator-"));
        assertThat(object(operatorTarget, "CustomResourceDefinition").get("health").isNull()).isTrue();
    }

    @Test
    void anUnknownApplicationIsTheSame404AsEverywhereAndReadingNeedsAToken() {
        String nobody = unique("nobody");

        assertProblem(api.get(APPS + "/" + nobody + "/resources", ADMIN_TOKEN), 404, "not-found");
        assertProblem(api.get(APPS + "/" + nobody + "/events", ADMIN_TOKEN), 404, "not-found");
        assertThat(api.get(APPS + "/" + nobody + "/resources", null).status()).isEqualTo(401);
    }

    private static Map<String, Object> nginx(String app, String cluster) {
        return Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0", "targets", List.of(target(cluster, "shop")),
                "wait", true);
    }

    private JsonNode awaitObject(String app, String kind, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> object(api.get(APPS + "/" + app + "/resources", ADMIN_TOKEN).json().get("targets").get(0), kind), done);
    }

    private static JsonNode object(JsonNode target, String kind) {
        return target.get("objects").valueStream().filter(o -> o.get("kind").asString().equals(kind)).findFirst().orElseThrow();
    }

    private static JsonNode targetOn(JsonNode resources, String cluster) {
        return resources.get("targets").valueStream().filter(t -> t.get("cluster").asString().equals(cluster)).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode list, String field) {
        return list.valueStream().map(n -> n.get(field).asString()).toList();
    }

    /** An Event as a cluster's components write them (kube-sim writes none itself). */
    private static void event(String cluster, String name, String kind, String object, String reason, String last) {
        simulated(cluster).client().resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace("shop").endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(reason + " " + object).withCount(2)
                .withFirstTimestamp("2026-11-20T09:00:00Z").withLastTimestamp(last).build()).create();
    }

    private static String encode(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }
}
