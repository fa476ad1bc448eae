package io.berth.client.typescript;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.client.ApiClient;
import io.berth.client.api.ClustersApi;
import io.berth.client.model.RegisterCluster;
import io.berth.client.testing.ClientTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client generated from docs/openapi.yaml, driven by node: test/deploy.ts (compiled by the
 * build with tsc --strict) deploys the example StatefulSet web to a running Berth and prints what runs.
 */
class TypeScriptClientIT extends ClientTestBase {

    private static final Path SCRIPT = Path.of("target", "ts-build", "test", "deploy.js");

    @Test
    void deploysTheWebApplicationThroughTheTypeScriptClient() throws Exception {
        String cluster = clusters.get(0).name();
        ApiClient java = new ApiClient();
        java.updateBaseUri(berthUrl());
        java.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + ADMIN_TOKEN));
        new ClustersApi(java).registerCluster(new RegisterCluster().name(cluster).kubeconfig(clusters.get(0).kubeconfig()));

        Run run = node(Map.of("BERTH_URL", berthUrl(), "BERTH_TOKEN", ADMIN_TOKEN, "BERTH_CLUSTER", cluster));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(cluster + "/shop: StatefulSet web Healthy, ready pods 0,1,2")
                .contains("deploy of web: Succeeded");
    }

    @Test
    void aRefusedRequestReachesTheScriptAsAProblem() throws Exception {
        Run run = node(Map.of("BERTH_URL", berthUrl(), "BERTH_TOKEN", "berth_not-a-token-of-this-berth-0123456789",
                "BERTH_CLUSTER", "sim-1"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("refused: 401 urn:berth:problem:unauthenticated");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run node(Map<String, String> environment) throws IOException, InterruptedException {
        assertThat(SCRIPT).as("compiled by the build (tsc)").exists();
        Path output = Files.createTempFile(Path.of("target"), "node-", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // the script waits at most a minute for the operation; past that something else is wrong
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("node did not end in time");
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
