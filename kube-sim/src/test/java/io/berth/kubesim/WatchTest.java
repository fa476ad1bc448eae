package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches as kubectl and client-go make them (a GET with {@code watch=1} answered by a stream of JSON
 * lines) and as fabric8's client makes them (over WebSocket, or over HTTP when told to), with the
 * parameters that shape them: resourceVersion, label and field selectors, timeoutSeconds.
 */
@SimulatedClusters
class WatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SimulatedCluster cluster;
    private static KubernetesClient admin;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String namespace;

    @BeforeAll
    static void connect(SimulatedCluster simulated) {
        cluster = simulated;
        admin = cluster.client();
    }

    @org.junit.jupiter.api.BeforeEach
    void namespace(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        namespace = method.substring(0, Math.min(40, method.length())) + "-" + (test.getDisplayName().hashCode() & 0xfff);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void aPlainGetWithWatchStreamsOneJsonEventPerLine(String version) {
        Lines lines = watch(RawApi.of(cluster, HttpClient.Version.valueOf(version)), "/api/v1/namespaces/" + namespace + "/configmaps?watch=1");
        assertThat(lines.response.statusCode()).isEqualTo(200);
        assertThat(lines.response.headers().firstValue("Content-Type")).hasValue("application/json");

        admin.configMaps().inNamespace(namespace).resource(configMap("one", "a")).create();
        admin.configMaps().inNamespace(namespace).withName("one").edit(c -> {
            c.getData().put("more", "yes");
            return c;
        });
        admin.configMaps().inNamespace(namespace).withName("one").delete();

        await().atMost(WAIT).until(() -> lines.events().size() >= 3);
        assertThat(lines.events()).extracting(e -> e.path("type").asString() + " " + e.path("object").path("metadata").path("name").asString())
                .containsExactly("ADDED one", "MODIFIED one", "DELETED one");
        JsonNode deleted = lines.events().get(2).path("object");
        assertThat(deleted.path("kind").asString()).isEqualTo("ConfigMap");
        assertThat(deleted.path("metadata").path("resourceVersion").asLong())
                .isGreaterThan(lines.events().get(1).path("object").path("metadata").path("resourceVersion").asLong());
    }

    @Test
    void withoutResourceVersionTheCurrentObjectsComeFirstAndWithOneOnlyLaterChanges() {
        admin.configMaps().inNamespace(namespace).resource(configMap("before", "a")).create();
        String listVersion = admin.configMaps().inNamespace(namespace).list().getMetadata().getResourceVersion();
        admin.configMaps().inNamespace(namespace).resource(configMap("after-list", "a")).create();

        Lines fromNow = watch(RawApi.of(cluster), "/api/v1/namespaces/" + namespace + "/configmaps?watch=true");
        Lines fromList = watch(RawApi.of(cluster), "/api/v1/namespaces/" + namespace + "/configmaps?watch=true&resourceVersion=" + listVersion);
        admin.configMaps().inNamespace(namespace).resource(configMap("later", "a")).create();

        await().atMost(WAIT).until(() -> names(fromNow).contains("later") && names(fromList).contains("later"));
        assertThat(names(fromNow)).containsExactly("before", "after-list", "later");
        assertThat(names(fromList)).as("the change between the list and the watch is not lost").containsExactly("after-list", "later");
    }

    @Test
    void labelAndFieldSelectorsChooseTheObjects() {
        String base = "/api/v1/namespaces/" + namespace + "/configmaps?watch=1";
        Lines byLabel = watch(RawApi.of(cluster), base + "&labelSelector=tier+in+(db,cache)");
        Lines byName = watch(RawApi.of(cluster), base + "&fieldSelector=metadata.name%3Dwanted");

        admin.configMaps().inNamespace(namespace).resource(configMap("wanted", "web")).create();
        admin.configMaps().inNamespace(namespace).resource(configMap("db", "db")).create();
        admin.configMaps().inNamespace(namespace).resource(configMap("cache", "cache")).create();
        admin.configMaps().inNamespace(namespace).withName("wanted").edit(c -> {
            c.getMetadata().getLabels().put("tier", "db");
            return c;
        });

        await().atMost(WAIT).until(() -> byLabel.events().size() >= 3 && byName.events().size() >= 2);
        assertThat(byLabel.events()).extracting(e -> e.path("type").asString() + " " + e.path("object").path("metadata").path("name").asString())
                .as("an object whose labels come to match is ADDED").containsExactly("ADDED db", "ADDED cache", "ADDED wanted");
        assertThat(names(byName)).containsExactly("wanted", "wanted");
    }

    @Test
    void aWatchEndsAfterItsTimeoutSeconds() {
        Lines lines = watch(RawApi.of(cluster), "/api/v1/namespaces/" + namespace + "/configmaps?watch=1&timeoutSeconds=1");

        await().atMost(WAIT).untilTrue(lines.ended);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
    void hangingUpFreesTheWatchOnTheServer(String version) throws Exception {
        await().atMost(WAIT).until(() -> cluster.openWatches() == 0);
        Lines lines = watch(RawApi.of(cluster, HttpClient.Version.valueOf(version)), "/api/v1/namespaces/" + namespace + "/pods?watch=1");
        await().atMost(WAIT).until(() -> cluster.openWatches() == 1);

        lines.close();

        await().atMost(WAIT).until(() -> cluster.openWatches() == 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fabric8WatchesAndInformersWorkOverWebSocketAndOverHttp(boolean onlyHttp) {
        Config config = Config.fromKubeconfig(cluster.kubeconfig());
        config.setOnlyHttpWatches(onlyHttp);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        opened.add(client);
        admin.configMaps().inNamespace(namespace).resource(configMap("existing", "a")).create();
        List<String> seen = new CopyOnWriteArrayList<>();
        Watch watch = client.configMaps().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        opened.add(watch);
        List<String> informed = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                informed.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                informed.add("update " + newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                informed.add("delete " + obj.getMetadata().getName());
            }
        });
        opened.add(informer::close);

        admin.configMaps().inNamespace(namespace).resource(configMap("new", "a")).create();
        admin.configMaps().inNamespace(namespace).withName("existing").delete();

        await().atMost(WAIT).until(() -> seen.size() >= 3 && informed.size() >= 3);
        assertThat(seen).containsExactly("ADDED existing", "ADDED new", "DELETED existing");
        assertThat(informed).containsExactly("add existing", "add new", "delete existing");
        assertThat(cluster.openWatches()).isEqualTo(2);

        watch.close();
        informer.close();
        await().atMost(WAIT).until(() -> cluster.openWatches() == 0);
    }

    private Lines watch(RawApi api, String path) {
        Lines lines = new Lines(api.stream(path));
        opened.add(lines);
        return lines;
    }

    private static List<String> names(Lines lines) {
        return lines.events().stream().map(e -> e.path("object").path("metadata").path("name").asString()).toList();
    }

    private static ConfigMap configMap(String name, String tier) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("tier", tier).endMetadata()
                .addToData("key", "value").build();
    }

    /** The lines of a streaming response, read as they come on a thread of their own. */
    private static final class Lines implements AutoCloseable {

        final HttpResponse<Stream<String>> response;
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();

        Lines(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread reader = new Thread(() -> {
                try {
                    response.body().forEach(line -> events.add(JSON.readTree(line)));
                } catch (RuntimeException e) {
                    // the stream was closed by this side
                } finally {
                    ended.set(true);
                }
            }, "watch-lines");
            reader.setDaemon(true);
            reader.start();
        }

        List<JsonNode> events() {
            return events;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
