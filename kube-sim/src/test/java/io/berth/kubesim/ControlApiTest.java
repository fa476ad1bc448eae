package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.kubesim.junit.SimulatedClusters;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SimulatedClusters(count = 2, readinessDelayMillis = 50)
class ControlApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ControlApi control;
    private static List<SimulatedCluster> clusters;

    @BeforeAll
    static void startControlApi(KubeSim sim) {
        control = ControlApi.start(sim, 0, Map.of("sim-1", Path.of("/tmp/sim-1.yaml")));
    }

    @AfterAll
    static void stopControlApi() {
        control.close();
    }

    @AfterEach
    void clearFaults() {
        clusters.forEach(c -> c.faults().clear());
    }

    @Test
    void listsEveryClusterWithItsUrlKubeconfigAndState() {
        Reply reply = call("GET", "/clusters");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().size()).isEqualTo(2);
        JsonNode first = reply.json().get(0);
        assertThat(first.path("name").asString()).isEqualTo("sim-1");
        assertThat(first.path("url").asString()).isEqualTo(clusters.get(0).url());
        assertThat(first.path("kubeconfig").asString()).isEqualTo("/tmp/sim-1.yaml");
        assertThat(first.path("reachable").asBoolean()).isTrue();
        assertThat(first.path("unauthorized").asBoolean()).isFalse();
        assertThat(first.path("latencyMs").asLong()).isZero();
        assertThat(first.path("failingShare").asDouble()).isZero();
        assertThat(first.path("nodes").size()).isEqualTo(3);
        assertThat(reply.json().get(1).path("name").asString()).isEqualTo("sim-2");
        assertThat(reply.json().get(1).has("kubeconfig")).isFalse();
    }

    @Test
    void unreachableAndReachable() {
        Reply reply = call("POST", "/clusters/sim-2/unreachable");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().path("reachable").asBoolean()).isFalse();
        assertThat(clusters.get(1).faults().isReachable()).isFalse();
        assertThat(clusters.get(0).faults().isReachable()).as("only the cluster named").isTrue();
        URI url = URI.create(clusters.get(1).url());
        assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close()).isInstanceOf(ConnectException.class);

        assertThat(call("POST", "/clusters/sim-2/reachable").json().path("reachable").asBoolean()).isTrue();
        assertThat(clusters.get(1).faults().isReachable()).isTrue();
    }

    @Test
    void unauthorizedLatencyFailingShareAndClear() {
        assertThat(call("POST", "/clusters/sim-1/unauthorized?value=true").json().path("unauthorized").asBoolean()).isTrue();
        assertThat(clusters.get(0).faults().isUnauthorized()).isTrue();
        assertThat(call("POST", "/clusters/sim-1/unauthorized?value=false").json().path("unauthorized").asBoolean()).isFalse();
        assertThat(call("POST", "/clusters/sim-1/unauthorized").json().path("unauthorized").asBoolean()).as("value defaults to true").isTrue();

        assertThat(call("POST", "/clusters/sim-1/latency?ms=500").json().path("latencyMs").asLong()).isEqualTo(500);
        assertThat(clusters.get(0).faults().latency()).isEqualTo(Duration.ofMillis(500));

        assertThat(call("POST", "/clusters/sim-1/failing-share?value=0.3").json().path("failingShare").asDouble()).isEqualTo(0.3);
        assertThat(clusters.get(0).faults().failingShare()).isEqualTo(0.3);

        JsonNode cleared = call("POST", "/clusters/sim-1/clear").json();
        assertThat(cleared.path("unauthorized").asBoolean()).isFalse();
        assertThat(cleared.path("latencyMs").asLong()).isZero();
        assertThat(cleared.path("failingShare").asDouble()).isZero();
        assertThat(clusters.get(0).faults().failingShare()).isZero();
    }

    @Test
    void writesKeysIntoASimulatedEtcdClusterAsAnApplicationWould() {
        JsonNode first = call("POST", "/clusters/sim-1/etcd/db/example-etcd-cluster/keys?key=%2Forders%2F1&value=paid").json();
        assertThat(first.path("revision").asLong()).isEqualTo(1);
        JsonNode second = call("POST", "/clusters/sim-1/etcd/db/example-etcd-cluster/keys?key=%2Forders%2F2&value=shipped").json();
        assertThat(second.path("revision").asLong()).isEqualTo(2);
        assertThat(clusters.get(0).etcdData().snapshot("db", "example-etcd-cluster").keys())
                .containsEntry("/orders/1", "paid").containsEntry("/orders/2", "shipped");
        assertThat(call("POST", "/clusters/sim-1/etcd/db/example-etcd-cluster/keys").code()).isEqualTo(400);
        assertThat(call("POST", "/clusters/sim-1/etcd/db").code()).isEqualTo(404);
    }

    @Test
    void readsTheKeysOfASimulatedEtcdCluster() {
        clusters.get(0).etcdData().put("reads", "example-etcd-cluster", "/orders/2", "shipped");
        clusters.get(0).etcdData().put("reads", "example-etcd-cluster", "/orders/1", "paid");

        Reply reply = call("GET", "/clusters/sim-1/etcd/reads/example-etcd-cluster/keys");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().path("revision").asLong()).isEqualTo(2);
        assertThat(reply.json().path("keys").propertyNames()).containsExactly("/orders/1", "/orders/2");
        assertThat(reply.json().path("keys").path("/orders/1").asString()).isEqualTo("paid");
        JsonNode empty = call("GET", "/clusters/sim-1/etcd/reads/never-written/keys").json();
        assertThat(empty.path("revision").asLong()).isZero();
        assertThat(empty.path("keys").size()).isZero();
        assertThat(call("GET", "/clusters/sim-1/etcd/reads/example-etcd-cluster").code()).isEqualTo(405);
    }

    @Test
    void deletesAPod() {
        clusters.get(0).client().pods().inNamespace("ctl").resource(new PodBuilder().withNewMetadata().withName("victim").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec().build()).create();

        assertThat(call("POST", "/clusters/sim-1/pods/ctl/victim/delete").code()).isEqualTo(200);

        assertThat(clusters.get(0).client().pods().inNamespace("ctl").withName("victim").get()).isNull();
        assertThat(call("POST", "/clusters/sim-1/pods/ctl/victim/delete").code()).isEqualTo(404);
    }

    @Test
    void marksANodeNotReadyAndReadyAgain() {
        JsonNode state = call("POST", "/clusters/sim-2/nodes/sim-node-2/ready?value=false").json();

        assertThat(nodeReady(state, "sim-node-2")).isFalse();
        assertThat(nodeReady(state, "sim-node-1")).isTrue();
        assertThat(clusters.get(1).client().nodes().withName("sim-node-2").get().getStatus().getConditions())
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False"));

        assertThat(nodeReady(call("POST", "/clusters/sim-2/nodes/sim-node-2/ready?value=true").json(), "sim-node-2")).isTrue();
        assertThat(call("POST", "/clusters/sim-2/nodes/no-such-node/ready?value=true").code()).isEqualTo(404);
    }

    @Test
    void answersErrorsWithACodeAndAMessage() {
        assertError(call("GET", "/clusters/sim-9"), 404, "no cluster named sim-9");
        assertError(call("POST", "/clusters/sim-1/explode"), 404, "no such action");
        assertError(call("POST", "/clusters/sim-1/latency?ms=soon"), 400, "ms must be a whole number");
        assertError(call("POST", "/clusters/sim-1/latency"), 400, "ms is required");
        assertError(call("POST", "/clusters/sim-1/failing-share?value=1.5"), 400, "between 0 and 1");
        assertError(call("POST", "/clusters/sim-1/unauthorized?value=maybe"), 400, "true or false");
        assertError(call("GET", "/clusters/sim-1/unreachable"), 405, "use POST");
        assertError(call("POST", "/clusters"), 405, "use GET");
        assertError(call("GET", "/"), 404, "GET /clusters");
        assertThat(clusters.get(0).faults().isReachable()).isTrue();
    }

    private static boolean nodeReady(JsonNode cluster, String node) {
        for (JsonNode n : cluster.path("nodes")) {
            if (n.path("name").asString().equals(node)) {
                return n.path("ready").asBoolean();
            }
        }
        throw new AssertionError("no node " + node + " in " + cluster);
    }

    private static void assertError(Reply reply, int code, String message) {
        assertThat(reply.code()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().path("error").asString()).contains(message);
    }

    private static Reply call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Reply(int code, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
