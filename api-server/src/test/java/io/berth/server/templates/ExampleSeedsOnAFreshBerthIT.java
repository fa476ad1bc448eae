package io.berth.server.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Loading the examples into a Berth that holds an older load of them: an example set gains the example's later
 * versions, but a set of an example's name that holds something else is left alone. Its own application and
 * database, since the shared ones' example sets are in use by other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "berth.clusters.probe-scheduler=false",
        "berth.embedded-database.durability=unsafe-fast-for-tests",
        "berth.bootstrap-token=" + ExampleSeedsOnAFreshBerthIT.ADMIN_TOKEN,
})
class ExampleSeedsOnAFreshBerthIT {

    static final String ADMIN_TOKEN = "berth_seeds-admin-token-0123456789abcdefgh";
    private static final String SETS = "/api/v1/template-sets";

    @LocalServerPort
    private int port;

    private Api api;

    @DynamicPropertySource
    static void ownDataDirectory(DynamicPropertyRegistry registry) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "berth-seeds-");
        registry.add("berth.data-dir", dir::toString);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void anExampleSetGainsItsLaterVersionsAndASetOfAnotherContentIsLeftAlone() {
        assertThat(created(api.post(SETS + "/seeds", ADMIN_TOKEN, "{}"))).contains("etcd-cluster@1.0.0", "etcd-cluster@1.1.0");
        // as if loaded before 1.1.0 existed: only the example's first version
        assertThat(api.delete(SETS + "/etcd-cluster/versions/1.1.0", ADMIN_TOKEN).status()).isEqualTo(204);
        // and a set named like an example that holds something else
        assertThat(api.delete(SETS + "/etcd-operator", ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(api.post(SETS, ADMIN_TOKEN, Map.of("name", "etcd-operator")).status()).isEqualTo(201);
        Api.Reply own = api.post(SETS + "/etcd-operator/versions", ADMIN_TOKEN, Map.of("version", "1.0.0", "content",
                Map.of("documents", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n")));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);

        Api.Reply again = api.post(SETS + "/seeds", ADMIN_TOKEN, "{}");

        assertThat(created(again)).containsExactly("etcd-cluster@1.1.0");
        assertThat(again.json().get("skipped").valueStream().map(JsonNode::asString)).contains("etcd-operator")
                .doesNotContain("etcd-cluster");
        assertThat(api.get(SETS + "/etcd-cluster/versions/1.1.0/content", ADMIN_TOKEN).json().get("hints").get(0)
                .has("backup")).isTrue();
        assertThat(api.get(SETS + "/etcd-operator/versions", ADMIN_TOKEN).json().get("items").valueStream()
                .map(v -> v.get("version").asString()).toList()).containsExactly("1.0.0");
        assertThat(created(api.post(SETS + "/seeds", ADMIN_TOKEN, "{}"))).isEmpty();
    }

    private static List<String> created(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("created").valueStream().map(JsonNode::asString).toList();
    }
}
