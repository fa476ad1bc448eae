package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that has rendered Helm charts still stops on SIGTERM, runs its shutdown hooks and takes its
 * workers with it. With Helm's Go library loaded in the JVM, the Go runtime took SIGTERM for itself
 * and the JVM went on running (every pod termination ended in SIGKILL).
 */
@EnabledOnOs(OS.LINUX)
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class HelmSignalTest {

    /** Not a performance bound: how long to wait before calling a JVM that ignores SIGTERM stuck. */
    private static final long PATIENCE_SECONDS = 60;

    @Test
    void aJvmThatRenderedChartsStopsOnSigtermAndItsWorkersGoWithIt(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("output.txt");
        Process berth = new ProcessBuilder(javaLauncher(), "-cp", testClassPath(), SigtermProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).until(() -> rendered(output) || !berth.isAlive());
            List<Long> workers = workers(output);
            assertThat(workers).isNotEmpty().doesNotContain(berth.pid());

            berth.destroy();

            assertThat(berth.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the JVM stopped on SIGTERM").isTrue();
            assertThat(berth.exitValue()).isEqualTo(128 + 15);
            assertThat(output).content().contains("shutdown hook ran");
            await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).untilAsserted(() -> assertThat(workers)
                    .as("no worker outlives Berth").noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                            .orElse(false)));
            assertThat(workerDirectories(berth.pid())).as("the workers deleted their own directories").isEmpty();
        } finally {
            berth.destroyForcibly();
        }
    }

    private static List<Path> workerDirectories(long berth) throws IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("berth-helm-worker-" + berth + "-")).toList();
        }
    }

    private static boolean rendered(Path output) throws IOException {
        return Files.readString(output).contains("rendered by ");
    }

    private static List<Long> workers(Path output) throws IOException {
        String text = Files.readString(output);
        String line = text.lines().filter(l -> l.startsWith("rendered by ")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe ended without rendering:\n" + text));
        return Arrays.stream(line.substring("rendered by ".length()).trim().split(" ")).map(Long::valueOf).toList();
    }

    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; it names the real class path in this property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
