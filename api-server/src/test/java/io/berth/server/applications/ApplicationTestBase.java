package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.kubesim.KubeSim;
import io.berth.kubesim.SimulatedCluster;
import io.berth.kubesim.SimulatorSettings;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.ApiTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/**
 * Base of the application tests: one set of simulated clusters for the whole JVM (like the Spring
 * context they are registered in), the example template sets loaded, and helpers that wait for
 * operations the way a client would, by reading them.
 */
public abstract class ApplicationTestBase extends ApiTestBase {

    protected static final String APPS = "/api/v1/applications";
    private static KubeSim sim;

    /** The simulator shared by every application test; a test that adds faults starts its own cluster in it. */
    protected static synchronized KubeSim sim() {
        if (sim == null) {
            // the etcd operator acts only while the etcd-operator Deployment runs, as a real one would
            sim = new KubeSim(SimulatorSettings.defaults().withReadinessDelay(Duration.ofMillis(20))
                    .withEtcdOperatorNeedsDeployment(true));
        }
        return sim;
    }

    /** A new simulated cluster registered in Berth under a unique name; returns that name. */
    protected String newCluster(String prefix) {
        String name = unique(prefix);
        SimulatedCluster cluster = sim().startCluster(name);
        register(name, cluster.kubeconfig());
        return name;
    }

    protected static SimulatedCluster simulated(String name) {
        return sim().clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @BeforeEach
    void loadExamples() {
        assertThat(api.post("/api/v1/template-sets/seeds", ADMIN_TOKEN, Map.of()).status()).isEqualTo(200);
    }

    protected static Map<String, Object> target(String cluster, String namespace) {
        return Map.of("cluster", cluster, "namespace", namespace);
    }

    /** Deploys and returns the accepted operation, failing the test on any other answer. */
    protected JsonNode deploy(Map<String, Object> body) {
        Api.Reply reply = api.post(APPS, ADMIN_TOKEN, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply.json();
    }

    protected JsonNode accepted(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/operations/" + reply.json().get("id").asString());
        return reply.json();
    }

    /** Reads the operation until it has ended, and returns it. */
    protected JsonNode awaitEnd(JsonNode operation) {
        String path = "/api/v1/operations/" + operation.get("id").asString();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(path, ADMIN_TOKEN).json(),
                        op -> List.of("Succeeded", "Failed", "Cancelled").contains(op.get("state").asString()));
    }

    protected JsonNode awaitSucceeded(JsonNode operation) {
        JsonNode ended = awaitEnd(operation);
        assertThat(ended.get("state").asString()).as(ended.toString()).isEqualTo("Succeeded");
        return ended;
    }

    protected JsonNode application(String name) {
        Api.Reply reply = api.get(APPS + "/" + name, ADMIN_TOKEN);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
