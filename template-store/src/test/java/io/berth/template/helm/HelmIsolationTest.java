package io.berth.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.berth.template.HelmContent;
import io.berth.template.HelmLimits;
import io.berth.template.HelmRenderer;
import io.berth.template.HelmWorkers;
import io.berth.template.RenderException;
import io.berth.template.TemplateProblem;

/**
 * Helm runs outside Berth's JVM and is stopped at its limits: a template that loops, one that
 * allocates without bound, one huge allocation, too much output; Berth's own process never maps
 * Helm's library and keeps its memory; a worker's environment and command line hold nothing of
 * Berth's. Linux only, like Berth's images: memory and environments are read from /proc.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIf("io.berth.template.HelmRenderer#isAvailable")
class HelmIsolationTest {

    private static final HelmWorkers TIGHT = new HelmWorkers(HelmLimits.DEFAULT
            .withTimeout(Duration.ofSeconds(3))
            .withMaxOutputBytes(64 * 1024));
    private static final HelmWorkers ROOMY = new HelmWorkers(HelmLimits.DEFAULT.withTimeout(Duration.ofSeconds(90)));

    /** Loops about 10^10 times over small lists: no memory to speak of, no output, no end. */
    private static final String LOOP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: loop
            data:
              spins: "{{ range $i := until 100000 }}{{ range $j := until 100000 }}{{ end }}{{ end }}"
            """;

    /** Keeps every entry it makes (10 KB each), as many as the values ask for: memory grows as long as it runs. */
    private static final String GROW = """
            {{- $kept := dict }}
            {{- range $i := until (int .Values.rows) }}{{ range $j := until (int $.Values.columns) }}
            {{- $_ := set $kept (printf "%d-%d" $i $j) (repeat 10000 "x") }}{{ end }}{{ end }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: grow
            data:
              entries: "{{ len $kept }}"
            """;

    /** One string of the size the values ask for, in one allocation. */
    private static final String BURST = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: burst
            data:
              length: "{{ len (repeat (int .Values.bytes) "x") }}"
            """;

    /** As many lines of 100 characters as the values ask for. */
    private static final String WIDE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: wide
            data:
            {{- range $i := until (int .Values.lines) }}
              line-{{ $i }}: "{{ repeat 100 "x" }}"
            {{- end }}
            """;

    @AfterAll
    static void stopWorkers() {
        TIGHT.close();
        ROOMY.close();
    }

    @Test
    void aTemplateThatLoopsIsStoppedAtTheTimeLimit() {
        assertStopped(new HelmRenderer(TIGHT), chart("templates/loop.yaml", LOOP), Map.of(),
                "Helm did not finish rendering the chart within 3 s (berth.templates.helm.timeout) and was stopped");
    }

    @Test
    void aTemplateThatLoopsIsStoppedAtTheTimeLimitWhenLintedToo() {
        List<TemplateProblem> problems = new HelmRenderer(TIGHT).lint(chart("templates/loop.yaml", LOOP));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isNull();
            assertThat(p.message()).startsWith("Helm did not finish linting the chart within 3 s");
        });
        assertHelmNeverLoadedHere();
    }

    @Test
    void aTemplateThatAllocatesWithoutBoundIsStoppedAtTheMemoryLimit() throws IOException {
        long before = ownAnonymousMemory();

        assertStopped(new HelmRenderer(ROOMY), chart("templates/grow.yaml", GROW),
                Map.of("rows", 100_000, "columns", 100_000),
                "Helm needed more than 256 MB of memory rendering the chart (berth.templates.helm.memory) and was stopped");

        assertThat(ownAnonymousMemory() - before).as("this JVM's own memory did not take the chart's growth")
                .isLessThan(HelmLimits.DEFAULT.memoryBytes());
    }

    @Test
    void oneHugeAllocationIsStoppedAtTheMemoryLimit() {
        assertStopped(new HelmRenderer(ROOMY), chart("templates/burst.yaml", BURST), Map.of("bytes", 2_000_000_000),
                "Helm needed more than 256 MB of memory rendering the chart");
    }

    @Test
    void outputLargerThanTheLimitIsRefusedWhileReading() {
        HelmRenderer renderer = new HelmRenderer(TIGHT);
        HelmContent wide = chart("templates/wide.yaml", WIDE);

        assertThat(renderer.render(wide, Map.of("lines", 100), TestCharts.BUILT_INS).yaml()).contains("line-99:");
        assertStopped(renderer, wide, Map.of("lines", 20_000),
                "the chart renders more than 64 KB of manifests (berth.templates.helm.max-output); Helm was stopped");
    }

    @Test
    void aWorkerThatWasStoppedIsReplacedForTheNextRender() {
        HelmRenderer renderer = new HelmRenderer(TIGHT);
        assertThatThrownBy(() -> renderer.render(chart("templates/loop.yaml", LOOP), Map.of(), TestCharts.BUILT_INS))
                .isInstanceOf(RenderException.class);

        assertThat(renderer.render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS).manifests()).hasSize(2);
    }

    @Test
    void theWorkerSeesNoneOfBerthsEnvironmentOrSystemProperties() throws IOException {
        Map<String, String> berths = new HashMap<>(Map.of(
                "PATH", "/usr/bin:/bin",
                "KUBECONFIG", "/home/berth/.kube/config",
                "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443",
                "HELM_KUBEAPISERVER", "https://10.96.0.1",
                "HELM_DRIVER", "secret",
                "BERTH_ENCRYPTION_KEY", "encryption-key-never-shown",
                "BERTH_BOOTSTRAP_TOKEN", "bootstrap-token-never-shown",
                "SPRING_DATASOURCE_PASSWORD", "datasource-password-never-shown",
                "JAVA_TOOL_OPTIONS", "-Dinjected=tool-options-never-shown"));
        System.setProperty("spring.datasource.password", "property-never-shown");
        try (HelmWorkers workers = HelmWorkers.withEnvironment(HelmLimits.DEFAULT, berths)) {
            new HelmRenderer(workers).render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);
            long pid = workers.workerPids().get(0);

            Map<String, String> seen = environmentOf(pid);
            String commandLine = String.join(" ", proc(pid, "cmdline").split("\0"));

            assertThat(seen.keySet()).containsExactlyInAnyOrder("PATH", "LANG", "HOME", "TMPDIR",
                    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                    "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME",
                    "GOMEMLIMIT", "GOMAXPROCS", "GOTRACEBACK", "MALLOC_ARENA_MAX");
            assertThat(seen.get("HOME")).contains("berth-helm-worker-").endsWith("/home");
            assertThat(Path.of(seen.get("HOME"), ".kube", "config")).content().contains("server: http://127.0.0.1:");
            assertThat(String.join("\n", seen.values()) + commandLine).doesNotContain("never-shown", "10.96.0.1");
            assertThat(commandLine).contains("-Duser.home=" + seen.get("HOME")).doesNotContain("spring.");
        } finally {
            System.clearProperty("spring.datasource.password");
        }
    }

    @Test
    void aWorkerBoundsItsOwnAddressSpaceAndIsTheKernelsFirstVictim() throws IOException {
        new HelmRenderer(ROOMY).render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);
        long pid = ROOMY.workerPids().get(0);

        String limits = proc(pid, "limits");
        assertThat(limits.lines().filter(line -> line.startsWith("Max address space")).findFirst().orElseThrow())
                .doesNotContain("unlimited");
        assertThat(limits.lines().filter(line -> line.startsWith("Max core file size")).findFirst().orElseThrow())
                .matches("Max core file size\\s+0\\s+0\\s+bytes\\s*");
        assertThat(proc(pid, "oom_score_adj").strip()).isEqualTo("1000");
    }

    @Test
    void berthsJvmNeverLoadsHelmsLibrary() {
        new HelmRenderer(ROOMY).render(TestCharts.web(), Map.of(), TestCharts.BUILT_INS);
        new HelmRenderer(ROOMY).lint(TestCharts.web());

        assertHelmNeverLoadedHere();
        assertThat(ROOMY.workerPids()).isNotEmpty().doesNotContain(ProcessHandle.current().pid());
    }

    private static void assertStopped(HelmRenderer renderer, HelmContent chart, Map<String, Object> values,
                                      String message) {
        assertThatThrownBy(() -> renderer.render(chart, values, TestCharts.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.path()).isNull();
                            assertThat(p.message()).startsWith(message);
                        }));
        assertHelmNeverLoadedHere();
    }

    /** Helm's Go library (helm-linux-amd64.so and the like) is not mapped into this process. */
    private static void assertHelmNeverLoadedHere() {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/self/maps", e);
        }
        assertThat(maps).doesNotContain("helm-linux", "helm-darwin", "helm-windows", "libhelm");
    }

    private static HelmContent chart(String file, String template) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Chart.yaml", "apiVersion: v2\nname: bounds\nversion: 0.1.0\n");
        files.put("values.yaml", "rows: 1\ncolumns: 1\nbytes: 1\nlines: 1\n");
        files.put(file, template);
        return TestCharts.chart(files);
    }

    private static long ownAnonymousMemory() throws IOException {
        return Arrays.stream(proc(ProcessHandle.current().pid(), "status").split("\n"))
                .filter(line -> line.startsWith("RssAnon:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst().orElseThrow();
    }

    private static Map<String, String> environmentOf(long pid) throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String entry : proc(pid, "environ").split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    private static String proc(long pid, String file) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)), StandardCharsets.UTF_8);
    }
}
