package io.berth.server.clusters;

import static io.berth.server.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.testsupport.Api.Reply;
import io.berth.server.testsupport.ApiTestBase;
import io.berth.server.testsupport.FakeClusters;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ClusterRegistrationIT extends ApiTestBase {

    @Test
    void registersAnAnsweringClusterAndProbesItAtOnce() {
        String name = unique("prod");
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of(
                "name", name, "displayName", "Production", "labels", Map.of("env", "prod"),
                "kubeconfig", CLUSTERS.answeringKubeconfig()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/clusters/" + name);
        assertThat(reply.header("ETag")).isEqualTo(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).header("ETag"));
        JsonNode cluster = reply.json();
        assertThat(cluster.get("status").asString()).isEqualTo("Ready");
        assertThat(cluster.get("nodeCount").asInt()).isZero();
        assertThat(cluster.get("serverVersion").asString()).isEqualTo("v1.31.4");
        assertThat(cluster.get("lastProbeAt").asString()).isNotBlank();
        assertThat(cluster.get("lastReadyAt").asString()).isNotBlank();
        assertThat(cluster.get("context").asString()).isEqualTo("sim");
        assertThat(cluster.get("apiServerUrl").asString()).startsWith("https://localhost:");
        assertThat(cluster.get("labels").get("env").asString()).isEqualTo("prod");
        assertThat(cluster.get("allowProxy").asBoolean()).isFalse();
        assertThat(reply.body()).doesNotContain("kubeconfig").doesNotContain(FakeClusters.TOKEN);
    }

    @Test
    void clusterThatRefusesTheCredentialsIsUnauthorized() {
        JsonNode cluster = register(unique("revoked"), CLUSTERS.refusingKubeconfig());

        assertThat(cluster.get("status").asString()).isEqualTo("Unauthorized");
        assertThat(cluster.get("statusReason").asString()).contains("401");
        assertThat(cluster.get("lastReadyAt").isNull()).isTrue();
    }

    @Test
    void clusterWhereNothingListensIsUnreachable() {
        JsonNode cluster = register(unique("down"), CLUSTERS.downKubeconfig());

        assertThat(cluster.get("status").asString()).isEqualTo("Unreachable");
        assertThat(cluster.get("statusReason").asString()).contains("refused");
    }

    @Test
    void clusterWithACertificateThatDoesNotMatchIsTlsError() {
        JsonNode cluster = register(unique("badcert"), CLUSTERS.wrongCertificateKubeconfig());

        assertThat(cluster.get("status").asString()).isEqualTo("TLSError");
        assertThat(cluster.get("statusReason").asString()).contains("certificate");
    }

    @Test
    void duplicateNameIsAConflictAndKeepsTheFirst() {
        String name = unique("twice");
        register(name, CLUSTERS.answeringKubeconfig());

        Reply second = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", CLUSTERS.refusingKubeconfig()));

        assertProblem(second, 409, "already-exists");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json().get("status").asString()).isEqualTo("Ready");
    }

    @Test
    void badNameIsAValidationProblemNamingTheField() {
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", "Not_A_Label", "kubeconfig", CLUSTERS.answeringKubeconfig()));

        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(reply.body()).doesNotContain(FakeClusters.TOKEN);
    }

    @Test
    void malformedJsonIsABadRequestThatDoesNotEchoTheBody() {
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, "{\"name\": \"x\", \"kubeconfig\": \"token: " + FakeClusters.TOKEN + "\"");

        assertProblem(reply, 400, "malformed-request");
        assertThat(reply.body()).doesNotContain(FakeClusters.TOKEN);
    }

    @Test
    void invalidLabelsAreAValidationProblem() {
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", unique("labels"),
                "labels", Map.of("bad key!", "x"), "kubeconfig", CLUSTERS.answeringKubeconfig()));

        assertProblem(reply, 422, "validation-failed");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("labels.bad key!");
    }

    static java.util.stream.Stream<Arguments> refusedKubeconfigs() {
        String good = FakeClusters.kubeconfig("https://localhost:6443", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", FakeClusters.TOKEN);
        return java.util.stream.Stream.of(
                Arguments.of("notYaml", "{{{ this is: [not yaml", "kubeconfig"),
                Arguments.of("notAKubeconfig", "just: a map\n", "kubeconfig"),
                Arguments.of("unknownContext", good.replace("current-context: sim", "current-context: elsewhere"), "context"),
                Arguments.of("execPlugin", good.replace("    token: " + FakeClusters.TOKEN,
                        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh"), "exec"),
                Arguments.of("authProvider", good.replace("    token: " + FakeClusters.TOKEN,
                        "    auth-provider:\n      name: gcp"), "auth-provider"),
                Arguments.of("caFile", good.replaceAll("certificate-authority-data: \\S+", "certificate-authority: /etc/passwd"),
                        "certificate-authority"),
                Arguments.of("clientCertificateFile", good.replace("    token: " + FakeClusters.TOKEN,
                        "    client-certificate: /tmp/cert.pem\n    client-key: /tmp/key.pem"), "client-certificate"),
                Arguments.of("tokenFile", good.replace("    token: " + FakeClusters.TOKEN, "    tokenFile: /var/run/token"), "tokenFile"),
                Arguments.of("insecureSkipTlsVerify", good.replaceAll("certificate-authority-data: \\S+", "insecure-skip-tls-verify: true"),
                        "insecure-skip-tls-verify"),
                Arguments.of("plainHttp", good.replace("https://", "http://"), "server"),
                Arguments.of("proxyUrl", good.replace("    server:", "    proxy-url: http://proxy.internal:3128\n    server:"),
                        "clusters[sim].proxy-url"),
                Arguments.of("metadataServer", good.replace("https://localhost:6443", "https://169.254.169.254"),
                        "clusters[sim].server"),
                Arguments.of("linkLocalIpv6Server", good.replace("https://localhost:6443", "https://[fe80::1]:6443"),
                        "clusters[sim].server"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKubeconfigs")
    void refusedKubeconfigIsA422ThatNamesTheProblemAndStoresNothing(String label, String kubeconfig, String fieldPart) {
        String name = unique("refused");

        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", kubeconfig));

        assertProblem(reply, 422, "invalid-kubeconfig");
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .anySatisfy(field -> assertThat(field).contains(fieldPart));
        assertThat(reply.body()).doesNotContain(FakeClusters.TOKEN).doesNotContain("MIIB");
        assertThat(api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Integer.class, name)).isZero();
    }

    @Test
    void insecureTlsIsAcceptedOnlyWhenAskedFor() {
        String kubeconfig = FakeClusters.kubeconfig("http://localhost:" + CLUSTERS.answeringServer().getPort(), "x", FakeClusters.TOKEN)
                .replaceAll("    certificate-authority-data: \\S+\n", "");
        Map<String, Object> request = new HashMap<>(Map.of("name", unique("insecure"), "kubeconfig", kubeconfig));
        assertProblem(api.post("/api/v1/clusters", ADMIN_TOKEN, request), 422, "invalid-kubeconfig");

        request.put("allowInsecureTls", true);
        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, request);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("allowInsecureTls").asBoolean()).isTrue();
    }

    @Test
    void proxyUrlIsRefusedNamingTheFieldUnlessAllowed() {
        String name = unique("proxied");
        String kubeconfig = CLUSTERS.answeringKubeconfig().replace("    server:", "    proxy-url: http://proxy.internal:3128\n    server:");

        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", kubeconfig));

        assertProblem(reply, 422, "invalid-kubeconfig");
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("kubeconfig.clusters[sim].proxy-url");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("allowProxy");
        assertThat(reply.body()).doesNotContain(FakeClusters.TOKEN).doesNotContain("proxy.internal");
        assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Integer.class, name)).isZero();
    }

    @Test
    void serverInADeniedNetworkIsRefusedNamingTheField() {
        String name = unique("metadata");
        String kubeconfig = FakeClusters.kubeconfig("https://169.254.169.254", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                FakeClusters.TOKEN);

        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", name, "kubeconfig", kubeconfig));

        assertProblem(reply, 422, "invalid-kubeconfig");
        assertThat(reply.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("kubeconfig.clusters[sim].server");
        assertThat(reply.json().get("errors").get(0).get("message").asString()).contains("denied network")
                .contains("berth.clusters.denied-networks");
        assertThat(jdbc.queryForObject("select count(*) from cluster where name = ?", Integer.class, name)).isZero();
    }

    @Test
    void proxyIsAcceptedWhenAskedForAndTheClusterIsThenReachedOnlyThroughIt() throws IOException {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        String kubeconfig = CLUSTERS.answeringKubeconfig()
                .replace("    server:", "    proxy-url: http://127.0.0.1:" + nothingListens + "\n    server:");
        Map<String, Object> request = new HashMap<>(Map.of("name", unique("proxied"), "kubeconfig", kubeconfig,
                "allowProxy", true));

        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, request);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("allowProxy").asBoolean()).isTrue();
        // The cluster itself answers: only the proxy, where nothing listens, makes it unreachable.
        assertThat(reply.json().get("status").asString()).isEqualTo("Unreachable");
        assertThat(reply.json().get("statusReason").asString()).contains("refused");
    }

    @Test
    void rotationToADeniedServerOrAnUnallowedProxyIsRefusedAndKeepsTheStoredCredentials() {
        String name = unique("rotate-denied");
        register(name, CLUSTERS.answeringKubeconfig());
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

        Reply denied = api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN,
                Map.of("kubeconfig", FakeClusters.kubeconfig("https://[fd00:ec2::254]:6443", pem, FakeClusters.TOKEN)));
        Reply proxied = api.put("/api/v1/clusters/" + name + "/credentials", ADMIN_TOKEN, Map.of("kubeconfig",
                CLUSTERS.answeringKubeconfig().replace("    server:", "    proxy-url: http://proxy.internal:3128\n    server:")));

        assertProblem(denied, 422, "invalid-kubeconfig");
        assertThat(denied.json().get("errors").get(0).get("field").asString()).isEqualTo("kubeconfig.clusters[sim].server");
        assertProblem(proxied, 422, "invalid-kubeconfig");
        assertThat(proxied.json().get("errors").get(0).get("field").asString()).isEqualTo("kubeconfig.clusters[sim].proxy-url");
        JsonNode cluster = api.get("/api/v1/clusters/" + name, ADMIN_TOKEN).json();
        assertThat(cluster.get("apiServerUrl").asString()).startsWith("https://localhost:");
        assertThat(cluster.get("version").asLong()).isZero();
    }

    @Test
    void contextIsChosenByName() {
        String two = CLUSTERS.answeringKubeconfig().replace("current-context: sim\n", "") + """
                """;
        String withSecondContext = two.replace("contexts:\n", "contexts:\n- name: other\n  context:\n    cluster: sim\n    user: sim-admin\n");
        assertProblem(api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", unique("ctx"), "kubeconfig", withSecondContext)),
                422, "invalid-kubeconfig");

        Reply reply = api.post("/api/v1/clusters", ADMIN_TOKEN, Map.of("name", unique("ctx"), "kubeconfig", withSecondContext, "context", "other"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("context").asString()).isEqualTo("other");
    }
}
