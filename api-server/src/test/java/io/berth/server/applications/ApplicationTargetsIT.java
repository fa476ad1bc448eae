package io.berth.server.applications;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.SimulatedCluster;
import io.berth.server.testsupport.Api;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where an application runs and how it is found: cluster selectors, targets added and dropped by
 * upgrades, per-cluster scaling, list filters and pages, read-only tokens, and deletes.
 */
class ApplicationTargetsIT extends ApplicationTestBase {

    private static final String GROUP_LABEL = "berth-test/group";

    @Test
    void aClusterSelectorDeploysToEveryLabelledClusterBesideExplicitTargetsWithTheirOwnValues() {
        String group = unique("grp");
        String a = newLabelledCluster("sel-a", Map.of(GROUP_LABEL, group));
        String b = newLabelledCluster("sel-b", Map.of(GROUP_LABEL, group));
        String own = newCluster("own");
        String app = unique("web");

        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("image", "nginx:1.28", "replicas", 3),
                "clusterSelector", Map.of("labelSelector", GROUP_LABEL + "=" + group, "namespace", "selected",
                        "values", Map.of("replicas", 2)),
                "targets", List.of(Map.of("cluster", own, "namespace", "mine", "values", Map.of("replicas", 1))))));

        assertThat(statefulSet(a, "selected").getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet(b, "selected").getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet(own, "mine").getSpec().getReplicas()).isEqualTo(1);
        for (String cluster : List.of(a, b)) {
            assertThat(statefulSet(cluster, "selected").getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getImage()).isEqualTo("nginx:1.28");
            assertThat(simulated(cluster).client().namespaces().withName("mine").get()).isNull();
        }
        assertThat(simulated(own).client().namespaces().withName("selected").get()).isNull();

        JsonNode revision = api.get(APPS + "/" + app + "/revisions/1", ADMIN_TOKEN).json();
        assertThat(revision.get("clusterSelector").get("labelSelector").asString()).isEqualTo(GROUP_LABEL + "=" + group);
        JsonNode targets = revision.get("targets");
        assertThat(targets.valueStream().map(t -> t.get("cluster").asString() + "/" + t.get("namespace").asString()))
                .as("explicit targets first, then the selected clusters")
                .containsExactly(own + "/mine", a + "/selected", b + "/selected");
        assertThat(targets.get(0).get("fromSelector").asBoolean()).isFalse();
        assertThat(targets.get(0).get("values").get("replicas").asInt()).isEqualTo(1);
        for (JsonNode selected : List.of(targets.get(1), targets.get(2))) {
            assertThat(selected.get("fromSelector").asBoolean()).isTrue();
            assertThat(selected.get("values").get("replicas").asInt()).isEqualTo(2);
        }

        JsonNode view = application(app);
        assertThat(view.get("targets").valueStream().filter(t -> t.get("fromSelector").asBoolean())
                .map(t -> t.get("cluster").asString())).containsExactlyInAnyOrder(a, b);
        assertThat(view.get("targets").valueStream().map(t -> t.get("syncStatus").asString())).containsOnly("Synced");
    }

    @Test
    void anUpgradeResolvesTheSelectorAgainSoRelabelledClustersJoinOrLeave() {
        String group = unique("grp");
        String stays = newLabelledCluster("sel-stays", Map.of(GROUP_LABEL, group));
        String leaves = newLabelledCluster("sel-leaves", Map.of(GROUP_LABEL, group));
        String joins = newLabelledCluster("sel-joins", Map.of("other", "yes"));
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1),
                "clusterSelector", Map.of("labelSelector", GROUP_LABEL + "=" + group, "namespace", "sel"))));
        assertThat(statefulSet(leaves, "sel")).isNotNull();
        assertThat(statefulSet(joins, "sel")).isNull();

        relabel(leaves, Map.of());
        relabel(joins, Map.of(GROUP_LABEL, group));
        JsonNode upgraded = awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("values", Map.of("replicas", 2)))));

        assertThat(upgraded.get("steps").valueStream().map(s -> s.get("action").asString() + " " + s.get("cluster").asString()))
                .containsExactlyInAnyOrder("Apply " + stays, "Apply " + joins, "Uninstall " + leaves);
        assertThat(statefulSet(stays, "sel").getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet(joins, "sel").getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet(leaves, "sel")).isNull();
        JsonNode revision = api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json();
        assertThat(revision.get("clusterSelector").get("labelSelector").asString()).isEqualTo(GROUP_LABEL + "=" + group);
        assertThat(revision.get("targets").valueStream().map(t -> t.get("cluster").asString()))
                .containsExactlyInAnyOrder(stays, joins);
        assertThat(revision.get("targets").valueStream().map(t -> t.get("fromSelector").asBoolean())).containsOnly(true);
    }

    @Test
    void anExplicitTargetWinsOverTheSameTargetFoundByTheSelector() {
        String group = unique("grp");
        String both = newLabelledCluster("both", Map.of(GROUP_LABEL, group));
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "clusterSelector", Map.of("labelSelector", GROUP_LABEL + "=" + group, "namespace", "web",
                        "values", Map.of("replicas", 2)),
                "targets", List.of(Map.of("cluster", both, "namespace", "web", "values", Map.of("replicas", 1))))));

        JsonNode targets = api.get(APPS + "/" + app + "/revisions/1", ADMIN_TOKEN).json().get("targets");
        assertThat(targets.size()).isEqualTo(1);
        assertThat(targets.get(0).get("fromSelector").asBoolean()).isFalse();
        assertThat(statefulSet(both, "web").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void aClusterSelectorThatMatchesNoClusterIs422AndDeploysNothing() {
        String app = unique("web");
        Api.Reply reply = api.post(APPS, ADMIN_TOKEN, Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "clusterSelector", Map.of("labelSelector", GROUP_LABEL + "=" + unique("none"), "namespace", "web")));

        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("targets");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("selects no registered cluster");
        assertThat(api.get(APPS + "/" + app, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isZero();
    }

    @Test
    void anUpgradeUninstallsFromADroppedTargetKeepingItsClaimsAndDeploysToAnAddedOne() {
        String stays = newCluster("stays");
        String leaves = newCluster("leaves");
        String joins = newCluster("joins");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(stays, "web"), target(leaves, "web")))));
        awaitClaims(leaves, "web", "www-web-0", "www-web-1");

        JsonNode upgraded = awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("targets", List.of(target(stays, "web"), target(joins, "web"))))));

        assertThat(upgraded.get("steps").valueStream().map(s -> s.get("action").asString() + " " + s.get("cluster").asString()))
                .containsExactlyInAnyOrder("Apply " + stays, "Apply " + joins, "Uninstall " + leaves);
        KubernetesClient gone = simulated(leaves).client();
        assertThat(gone.apps().statefulSets().inNamespace("web").withName("web").get()).isNull();
        assertThat(gone.services().inNamespace("web").withName("nginx").get()).isNull();
        assertThat(claimNames(leaves, "web")).contains("www-web-0", "www-web-1");
        assertThat(gone.namespaces().withName("web").get()).as("the namespace is never deleted").isNotNull();

        for (String cluster : List.of(stays, joins)) {
            StatefulSet sts = statefulSet(cluster, "web");
            assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
            assertThat(sts.getMetadata().getAnnotations()).containsEntry("berth.io/revision", "2");
        }
        JsonNode view = application(app);
        assertThat(view.get("targets").valueStream().map(t -> t.get("cluster").asString()))
                .containsExactlyInAnyOrder(stays, joins);
        assertThat(view.get("targets").valueStream().map(t -> t.get("revisionApplied").asInt())).containsOnly(2);
    }

    @Test
    void replacingAnApplicationWithOnlyVersionAndTargetsResetsValuesAndLabelsToDefaults() {
        String cluster = newCluster("put");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1, "image", "nginx:1.28"), "labels", Map.of("team", "shop"),
                "targets", List.of(target(cluster, "web")))));
        assertThat(statefulSet(cluster, "web").getSpec().getReplicas()).isEqualTo(1);

        awaitSucceeded(accepted(api.put(APPS + "/" + app, ADMIN_TOKEN,
                Map.of("version", "1.0.0", "targets", List.of(target(cluster, "web"))))));

        StatefulSet sts = statefulSet(cluster, "web");
        assertThat(sts.getSpec().getReplicas()).as("the schema's default").isEqualTo(3);
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        JsonNode view = application(app);
        assertThat(view.get("currentRevision").asInt()).isEqualTo(2);
        assertThat(view.get("values").size()).isZero();
        assertThat(view.get("labels").size()).isZero();
        assertThat(view.get("createNamespace").asBoolean()).isTrue();
        JsonNode revision = api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json();
        assertThat(revision.get("cause").asString()).isEqualTo("Upgrade");
        assertThat(revision.get("values").size()).isZero();
    }

    @Test
    void listsFilterByTemplateSetClusterLabelsAndStateAndPageWithACursor() {
        String tag = unique("tag");
        String main = newCluster("list");
        String other = newCluster("list-other");
        String prefix = unique("ls");
        String web1 = prefix + "-a";
        String web2 = prefix + "-b";
        String onOther = prefix + "-c";
        String operator = prefix + "-d";
        String unlabelled = prefix + "-e";
        Map<String, String> labels = Map.of("suite", tag);
        List<JsonNode> deploys = List.of(
                deploy(app(web1, "nginx-web", labels, target(main, "a"))),
                deploy(app(web2, "nginx-web", labels, target(main, "b"))),
                deploy(app(onOther, "nginx-web", labels, target(other, "c"))),
                deploy(Map.of("name", operator, "templateSet", "etcd-operator", "version", "1.0.0", "labels", labels,
                        "targets", List.of(target(main, "operators")))),
                deploy(app(unlabelled, "nginx-web", Map.of(), target(main, "e"))));
        deploys.forEach(this::awaitSucceeded);
        awaitSucceeded(accepted(api.delete(APPS + "/" + web2, ADMIN_TOKEN)));
        String mine = "labelSelector=" + encode("suite=" + tag);

        assertThat(names("?" + mine)).containsExactly(web1, web2, onOther, operator);
        assertThat(names("?templateSet=nginx-web&" + mine)).containsExactly(web1, web2, onOther);
        assertThat(names("?templateSet=etcd-operator&" + mine)).containsExactly(operator);
        assertThat(names("?cluster=" + main)).as("a deleted application has no targets left")
                .containsExactly(web1, operator, unlabelled);
        assertThat(names("?cluster=" + other)).containsExactly(onOther);
        assertThat(names("?state=Deleted&" + mine)).containsExactly(web2);
        assertThat(names("?state=Active&" + mine)).containsExactly(web1, onOther, operator);
        assertThat(names("?cluster=" + main + "&templateSet=nginx-web&state=Active")).containsExactly(web1, unlabelled);
        assertThat(names("?" + mine + "," + encode("suite notin (x)") + "&state=Deleted")).containsExactly(web2);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(APPS + "?" + mine + "&limit=1" + (cursor == null ? "" : "&cursor=" + encode(cursor)),
                    ADMIN_TOKEN);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(1);
            page.json().get("items").forEach(i -> walked.add(i.get("name").asString()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactly(web1, web2, onOther, operator);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void revisionsAndOperationsOfAnApplicationAreListedNewestFirstPageByPage() {
        String cluster = newCluster("pages");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "web")))));
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", 2)))));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 3))));

        List<JsonNode> revisions = walk(APPS + "/" + app + "/revisions?limit=1", 1);
        assertThat(revisions).extracting(r -> r.get("number").asInt()).containsExactly(3, 2, 1);
        assertThat(revisions).extracting(r -> r.get("cause").asString()).containsExactly("Scale", "Upgrade", "Deploy");
        assertThat(walk(APPS + "/" + app + "/revisions?limit=2", 2)).extracting(r -> r.get("number").asInt())
                .containsExactly(3, 2, 1);
        JsonNode all = api.get(APPS + "/" + app + "/revisions", ADMIN_TOKEN).json();
        assertThat(all.get("items").size()).isEqualTo(3);
        assertThat(all.get("nextCursor").isNull()).isTrue();

        List<JsonNode> operations = walk("/api/v1/operations?application=" + app + "&limit=2", 2);
        assertThat(operations).extracting(o -> o.get("type").asString()).containsExactly("Scale", "Upgrade", "Deploy");
        assertThat(operations).extracting(o -> o.get("revision").asInt()).containsExactly(3, 2, 1);
        assertThat(operations).extracting(o -> o.get("application").asString()).containsOnly(app);
        List<Instant> created = operations.stream().map(o -> Instant.parse(o.get("createdAt").asString())).toList();
        assertThat(created).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(walk("/api/v1/operations?application=" + app + "&limit=1", 1))
                .extracting(o -> o.get("id").asString())
                .containsExactlyElementsOf(operations.stream().map(o -> o.get("id").asString()).toList());
    }

    @Test
    void aListShowsEachApplicationAsASummaryOfWhereItRunsAndHowItIsDoing() {
        String cluster = newCluster("summary");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0", "labels", Map.of("tier", "web"),
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "a"), target(cluster, "b")))));

        JsonNode item = api.get(APPS + "?cluster=" + cluster, ADMIN_TOKEN).json().get("items").get(0);

        assertThat(item.get("name").asString()).isEqualTo(app);
        assertThat(item.get("labels").get("tier").asString()).isEqualTo("web");
        assertThat(item.get("templateSet").asString()).isEqualTo("nginx-web");
        assertThat(item.get("templateVersion").asString()).isEqualTo("1.0.0");
        assertThat(item.get("currentRevision").asInt()).isEqualTo(1);
        assertThat(item.get("targets").valueStream().map(t -> t.get("cluster").asString() + "/" + t.get("namespace").asString()
                + " r" + t.get("revisionApplied").asInt() + " " + t.get("syncStatus").asString() + " drifted=" + t.get("drifted").asBoolean()))
                .containsExactly(cluster + "/a r1 Synced drifted=false", cluster + "/b r1 Synced drifted=false");
        assertThat(item.get("targets").get(0).has("health")).isTrue();
        assertThat(item.has("values")).as("details are the application's own GET").isFalse();
        assertThat(item.get("targets").get(0).has("objects")).isFalse();
        JsonNode full = api.get(APPS + "/" + app, ADMIN_TOKEN).json();
        assertThat(full.get("targets").get(0).get("objects").size()).isEqualTo(2);
        // the list and the application's own GET judge health alike; compared once the tracker has settled it,
        // since a read of each while the first watch events arrive may fall on either side of a change
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(application(app).get("health").asString()).isEqualTo("Healthy"));
        assertThat(api.get(APPS + "?cluster=" + cluster, ADMIN_TOKEN).json().get("items").get(0).get("health").asString())
                .isEqualTo(application(app).get("health").asString());
    }

    @Test
    void aViewerReadsApplicationsAndOperationsButCannotChangeThem() {
        String cluster = newCluster("viewer");
        String app = unique("web");
        JsonNode op = awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "web")))));
        String viewer = tokenWithRole("viewer");
        String opPath = "/api/v1/operations/" + op.get("id").asString();

        assertThat(api.get(APPS + "/" + app, viewer).json().get("name").asString()).isEqualTo(app);
        assertThat(api.get(APPS + "?cluster=" + cluster, viewer).json().get("items").get(0).get("name").asString())
                .isEqualTo(app);
        assertThat(api.get(APPS + "/" + app + "/revisions", viewer).json().get("items").size()).isEqualTo(1);
        assertThat(api.get(APPS + "/" + app + "/revisions/1", viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/operations?application=" + app, viewer).json().get("items").size()).isEqualTo(1);
        assertThat(api.get(opPath, viewer).json().get("state").asString()).isEqualTo("Succeeded");

        assertProblem(api.post(APPS, viewer, Map.of("name", unique("web"), "templateSet", "nginx-web",
                "version", "1.0.0", "targets", List.of(target(cluster, "other")))), 403, "forbidden");
        assertProblem(api.patch(APPS + "/" + app, viewer, Map.of("values", Map.of("replicas", 2))), 403, "forbidden");
        assertProblem(api.put(APPS + "/" + app, viewer, Map.of("version", "1.0.0",
                "targets", List.of(target(cluster, "web")))), 403, "forbidden");
        assertProblem(api.post(APPS + "/" + app + "/scale", viewer, Map.of("replicas", 2)), 403, "forbidden");
        assertProblem(api.post(APPS + "/" + app + "/rollback", viewer, Map.of("revision", 1)), 403, "forbidden");
        assertProblem(api.delete(APPS + "/" + app, viewer), 403, "forbidden");
        assertProblem(api.post(opPath + "/cancel", viewer, Map.of()), 403, "forbidden");

        JsonNode view = application(app);
        assertThat(view.get("currentRevision").asInt()).isEqualTo(1);
        assertThat(view.get("state").asString()).isEqualTo("Active");
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
        assertThat(statefulSet(cluster, "web").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void scalingOneClusterChangesOnlyItAndTheOverrideOutlivesAnUpgradeOfTheValues() {
        String scaled = newCluster("scaled");
        String untouched = newCluster("untouched");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(scaled, "web"), target(untouched, "web")))));

        JsonNode op = awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN,
                Map.of("replicas", 1, "clusters", List.of(scaled)))));

        assertThat(op.get("steps").valueStream().map(s -> s.get("action").asString() + " " + s.get("cluster").asString()))
                .containsExactly("Scale " + scaled);
        assertThat(statefulSet(scaled, "web").getSpec().getReplicas()).isEqualTo(1);
        assertThat(statefulSet(untouched, "web").getSpec().getReplicas()).isEqualTo(2);
        JsonNode overrides = api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json().get("replicaOverrides");
        assertThat(overrides.size()).isEqualTo(1);
        assertThat(overrides.get(0).get("workload").asString()).isEqualTo("StatefulSet/web");
        assertThat(overrides.get(0).get("cluster").asString()).isEqualTo(scaled);
        assertThat(overrides.get(0).get("replicas").asInt()).isEqualTo(1);
        assertThat(application(app).get("replicaOverrides").get(0).get("cluster").asString()).isEqualTo(scaled);
        assertThat(application(app).get("targets").valueStream()
                .map(t -> t.get("syncStatus").asString() + "@" + t.get("revisionApplied").asInt()))
                .as("the cluster left alone runs revision 2's content too").containsOnly("Synced@2");

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("values", Map.of("replicas", 4)))));
        assertThat(statefulSet(scaled, "web").getSpec().getReplicas()).as("its own override wins").isEqualTo(1);
        assertThat(statefulSet(untouched, "web").getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void scalingAClusterTheApplicationDoesNotRunOnIs422AndRollingBackToAMissingRevisionIs404() {
        String cluster = newCluster("refuse");
        String elsewhere = newCluster("elsewhere");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "web")))));

        Api.Reply scale = api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN,
                Map.of("replicas", 2, "clusters", List.of(cluster, elsewhere)));
        assertProblem(scale, 422, "validation-failed");
        assertThat(scale.json().get("errors").get(0).get("field").asString()).isEqualTo("clusters[1]");
        assertThat(scale.json().get("errors").get(0).get("message").asString()).contains(elsewhere);

        assertProblem(api.post(APPS + "/" + app + "/rollback", ADMIN_TOKEN, Map.of("revision", 7)), 404, "not-found");
        assertProblem(api.get(APPS + "/" + app + "/revisions/7", ADMIN_TOKEN), 404, "not-found");

        assertThat(application(app).get("currentRevision").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/operations?application=" + app, ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
        assertThat(statefulSet(cluster, "web").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void deletingWithDeletePvcsRemovesTheClaimsAndDeletingAgainWithoutPurgeIs409() {
        String cluster = newCluster("pvcs");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 2), "targets", List.of(target(cluster, "web")))));
        awaitClaims(cluster, "web", "www-web-0", "www-web-1");

        awaitSucceeded(accepted(api.delete(APPS + "/" + app + "?deletePvcs=true", ADMIN_TOKEN)));

        assertThat(statefulSet(cluster, "web")).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(claimNames(cluster, "web")).noneMatch(n -> n.startsWith("www-web-")));
        assertThat(application(app).get("state").asString()).isEqualTo("Deleted");

        assertProblem(api.delete(APPS + "/" + app, ADMIN_TOKEN), 409, "conflict");
        assertThat(application(app).get("state").asString()).isEqualTo("Deleted");
        assertThat(api.delete(APPS + "/" + app + "?purge=true", ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(api.get(APPS + "/" + app, ADMIN_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void aPatchGivingOnlyASelectorKeepsTheExplicitTargetsAndNullTargetsDropThem() {
        String group = unique("grp");
        String selected = newLabelledCluster("only-sel", Map.of(GROUP_LABEL, group));
        String explicit = newCluster("only-own");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(explicit, "web")))));

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("clusterSelector",
                Map.of("labelSelector", GROUP_LABEL + "=" + group, "namespace", "web")))));

        assertThat(application(app).get("targets").valueStream().map(t -> t.get("cluster").asString()))
                .containsExactlyInAnyOrder(explicit, selected);

        Map<String, Object> dropTargets = new HashMap<>();
        dropTargets.put("targets", null);
        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, dropTargets)));

        assertThat(application(app).get("targets").valueStream().map(t -> t.get("cluster").asString()))
                .containsExactly(selected);
        assertThat(simulated(explicit).client().apps().statefulSets().inNamespace("web").withName("web").get()).isNull();
        assertThat(statefulSet(selected, "web")).isNotNull();
    }

    @Test
    void aScaleRevisionsDigestIsWhatRenderingItsSpecAfreshGives() {
        String cluster = newCluster("digest");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "targets", List.of(target(cluster, "web")))));
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/scale", ADMIN_TOKEN, Map.of("replicas", 4))));
        // a rollback renders the scale revision's spec from scratch
        awaitSucceeded(accepted(api.post(APPS + "/" + app + "/rollback", ADMIN_TOKEN, Map.of("revision", 2))));

        String scaled = api.get(APPS + "/" + app + "/revisions/2", ADMIN_TOKEN).json().get("renderedDigest").asString();
        String rendered = api.get(APPS + "/" + app + "/revisions/3", ADMIN_TOKEN).json().get("renderedDigest").asString();
        String deployed = api.get(APPS + "/" + app + "/revisions/1", ADMIN_TOKEN).json().get("renderedDigest").asString();
        assertThat(rendered).isEqualTo(scaled).isNotEqualTo(deployed);
        assertThat(statefulSet(cluster, "web").getSpec().getReplicas()).isEqualTo(4);
    }

    /** Starts a simulated cluster and registers it with labels; returns its unique name. */
    private String newLabelledCluster(String prefix, Map<String, String> labels) {
        String name = unique(prefix);
        SimulatedCluster cluster = sim().startCluster(name);
        Api.Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN,
                Map.of("name", name, "kubeconfig", cluster.kubeconfig(), "labels", labels));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return name;
    }

    /** Gives the cluster exactly these labels: a merge patch that removes (null) every other label. */
    private void relabel(String cluster, Map<String, String> labels) {
        Map<String, Object> patch = new HashMap<>();
        api.get("/api/v1/clusters/" + cluster, ADMIN_TOKEN).json().get("labels").propertyNames()
                .forEach(key -> patch.put(key, null));
        patch.putAll(labels);
        Api.Reply reply = api.patch("/api/v1/clusters/" + cluster, ADMIN_TOKEN, Map.of("labels", patch));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("labels").size()).isEqualTo(labels.size());
    }

    private static Map<String, Object> app(String name, String templateSet, Map<String, String> labels,
                                           Map<String, Object> target) {
        return Map.of("name", name, "templateSet", templateSet, "version", "1.0.0", "labels", labels,
                "values", Map.of("replicas", 1), "targets", List.of(target));
    }

    /** The names of the applications a list query returns (one page, at most 500). */
    private List<String> names(String query) {
        Api.Reply reply = api.get(APPS + query + (query.isEmpty() ? "?" : "&") + "limit=500", ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("nextCursor").isNull()).as(query).isTrue();
        return reply.json().get("items").valueStream().map(i -> i.get("name").asString()).toList();
    }

    /** Every item of a list, following nextCursor; checks each page holds at most {@code limit} items. */
    private List<JsonNode> walk(String path, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(path + (cursor == null ? "" : "&cursor=" + encode(cursor)), ADMIN_TOKEN);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isBetween(1, limit);
            page.json().get("items").forEach(items::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null && ++pages < 20);
        return items;
    }

    private void awaitClaims(String cluster, String namespace, String... names) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(claimNames(cluster, namespace)).contains(names));
    }

    private static List<String> claimNames(String cluster, String namespace) {
        return simulated(cluster).client().persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList();
    }

    private static StatefulSet statefulSet(String cluster, String namespace) {
        return simulated(cluster).client().apps().statefulSets().inNamespace(namespace).withName("web").get();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
