package io.berth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client generated from docs/openapi.yaml, driven by node: clients/typescript's
 * test/deploy.ts, compiled there with tsc --strict (that module is built before this one), deploys the
 * example StatefulSet web and prints what runs. It runs here to share this module's Berth.
 */
class TypeScriptClientIT extends ClientTestBase {

    private static final Path SCRIPT = Path.of("..", "typescript", "target", "ts-build", "test", "deploy.js");

    @Test
    void deploysTheWebApplicationThroughTheTypeScriptClient() throws Exception {
        String cluster = newCluster("ts").getName();
        String application = unique("web");

        Run run = node(Map.of("BERTH_URL", berthUrl(), "BERTH_TOKEN", ADMIN_TOKEN, "BERTH_CLUSTER", cluster,
                "BERTH_APPLICATION", application));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(cluster + "/shop: StatefulSet web Healthy, ready pods 0,1,2")
                .contains("deploy of " + application + ": Succeeded");
    }

    @Test
    void aRefusedRequestReachesTheScriptAsAProblem() throws Exception {
        Run run = node(Map.of("BERTH_URL", berthUrl(), "BERTH_TOKEN", "berth_not-a-token-of-this-berth-0123456789",
                "BERTH_CLUSTER", "nowhere", "BERTH_APPLICATION", unique("web")));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("refused: 401 urn:berth:problem:unauthenticated");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run node(Map<String, String> environment) throws IOException, InterruptedException {
        assertThat(SCRIPT).as("compiled by the build of clients/typescript (tsc)").exists();
        Path output = Files.createTempFile(Files.createDirectories(Path.of("target")), "node-", ".log");
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
