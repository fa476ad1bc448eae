package io.berth.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeSimMainTest {

    @Test
    void parsesTheCommandLine() {
        var options = KubeSimMain.Options.parse("--clusters", "3", "--out", "/tmp/x", "--readiness-delay", "2s", "--control-port=8123");

        assertThat(options.clusters()).isEqualTo(3);
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.readinessDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.controlPort()).isEqualTo(8123);
        assertThat(options.verbose()).isFalse();

        var defaults = KubeSimMain.Options.parse("--clusters=1", "--out=d");
        assertThat(defaults.readinessDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.controlPort()).isZero();

        assertThat(KubeSimMain.Options.duration("150ms")).isEqualTo(Duration.ofMillis(150));
        assertThat(KubeSimMain.Options.duration("150")).isEqualTo(Duration.ofMillis(150));
        assertThat(KubeSimMain.Options.duration("1m")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesABadCommandLine() {
        assertUsage("--clusters is required", "--out", "d");
        assertUsage("--out is required", "--clusters", "2");
        assertUsage("--clusters must be between 1", "--clusters", "0", "--out", "d");
        assertUsage("--clusters must be a whole number", "--clusters", "many", "--out", "d");
        assertUsage("--readiness-delay must look like", "--clusters", "1", "--out", "d", "--readiness-delay", "soon");
        assertUsage("--out needs a value", "--clusters", "1", "--out");
        assertUsage("unknown option --nodes", "--nodes", "5");
    }

    @Test
    void startsTheClustersWritesTheirKubeconfigsAndPrintsWhereEverythingIs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kubeconfigs");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> urls;
        try (KubeSimMain.Running running = KubeSimMain.start(KubeSimMain.Options.parse("--clusters", "2", "--out", out.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            urls = running.sim().clusters().stream().map(SimulatedCluster::url).toList();

            assertThat(lines).containsExactly(
                    "sim-1 " + urls.get(0) + " " + out.resolve("sim-1.yaml").toAbsolutePath(),
                    "sim-2 " + urls.get(1) + " " + out.resolve("sim-2.yaml").toAbsolutePath(),
                    "control " + running.control().url());
            assertThat(Files.readString(out.resolve("control-url")).trim()).isEqualTo(running.control().url());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sim-1.yaml")))).isEqualTo("rw-------");

            Config config = Config.fromKubeconfig(Files.readString(out.resolve("sim-2.yaml")));
            config.setRequestRetryBackoffLimit(0);
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(client.nodes().list().getItems()).hasSize(3);
                assertThat(client.getMasterUrl().toString()).startsWith(urls.get(1));
            }
        }
        for (String url : urls) {
            URI uri = URI.create(url);
            assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close()).isInstanceOf(ConnectException.class);
        }
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> KubeSimMain.Options.parse(args)).isInstanceOf(KubeSimMain.UsageException.class).hasMessageContaining(message);
    }
}
