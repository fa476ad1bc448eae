package io.berth.template.internal.helm.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A worker's environment is built from nothing: of Berth's, only PATH, LANG, LC_ALL and TZ pass. */
class WorkerEnvironmentTest {

    private static final Path HOME = Path.of("/tmp/berth-helm-worker-1/home");
    private static final Path TMP = Path.of("/tmp/berth-helm-worker-1/tmp");
    private static final long MEMORY = 256L * 1024 * 1024;

    @Test
    void nothingThatNamesAClusterOrHoldsASecretPasses() {
        Map<String, String> berths = new HashMap<>();
        berths.put("KUBECONFIG", "/home/berth/.kube/config");
        berths.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        berths.put("KUBERNETES_SERVICE_PORT", "443");
        berths.put("KUBERNETES_SERVICE_PORT_HTTPS", "443");
        berths.put("KUBERNETES_MASTER", "https://10.96.0.1");
        berths.put("HELM_KUBEAPISERVER", "https://10.96.0.1");
        berths.put("HELM_KUBETOKEN", "token");
        berths.put("HELM_DRIVER", "secret");
        berths.put("HELM_CACHE_HOME", "/var/cache/helm");
        berths.put("BERTH_ENCRYPTION_KEY", "key");
        berths.put("BERTH_BOOTSTRAP_TOKEN", "token");
        berths.put("BERTH_DATABASE_URL", "jdbc:postgresql://db/berth?password=secret");
        berths.put("SPRING_DATASOURCE_PASSWORD", "secret");
        berths.put("AWS_SECRET_ACCESS_KEY", "secret");
        berths.put("JAVA_TOOL_OPTIONS", "-Dx=y");
        berths.put("JDK_JAVA_OPTIONS", "-Dx=y");
        berths.put("_JAVA_OPTIONS", "-Dx=y");
        berths.put("HTTPS_PROXY", "http://proxy:3128");
        berths.put("HOME", "/home/berth");
        berths.put("TMPDIR", "/var/tmp");
        berths.put("PWD", "/app");

        Map<String, String> environment = WorkerEnvironment.of(berths, HOME, TMP, MEMORY);

        assertThat(environment.keySet()).containsExactlyInAnyOrder("PATH", "LANG", "HOME", "TMPDIR",
                "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME",
                "GOMEMLIMIT", "GOMAXPROCS", "GOTRACEBACK", "MALLOC_ARENA_MAX");
        assertThat(environment.values()).noneMatch(value -> value.contains("secret") || value.contains("10.96.0.1")
                || value.contains("/home/berth") || value.contains("/var/"));
    }

    @Test
    void homeTemporaryFilesAndHelmsDirectoriesAreTheWorkersOwn() {
        Map<String, String> environment = WorkerEnvironment.of(Map.of(), HOME, TMP, MEMORY);

        assertThat(environment).containsEntry("HOME", HOME.toString()).containsEntry("TMPDIR", TMP.toString());
        assertThat(environment).hasEntrySatisfying("HELM_CACHE_HOME", v -> assertThat(v).startsWith(HOME.toString()))
                .hasEntrySatisfying("HELM_CONFIG_HOME", v -> assertThat(v).startsWith(HOME.toString()))
                .hasEntrySatisfying("HELM_DATA_HOME", v -> assertThat(v).startsWith(HOME.toString()))
                .hasEntrySatisfying("XDG_CACHE_HOME", v -> assertThat(v).startsWith(HOME.toString()));
    }

    @Test
    void harmlessVariablesPassAndHaveDefaults() {
        assertThat(WorkerEnvironment.of(Map.of("PATH", "/opt/java/bin:/usr/bin", "LANG", "de_DE.UTF-8",
                "LC_ALL", "C.UTF-8", "TZ", "Europe/Berlin"), HOME, TMP, MEMORY))
                .containsEntry("PATH", "/opt/java/bin:/usr/bin").containsEntry("LANG", "de_DE.UTF-8")
                .containsEntry("LC_ALL", "C.UTF-8").containsEntry("TZ", "Europe/Berlin");
        assertThat(WorkerEnvironment.of(Map.of(), HOME, TMP, MEMORY))
                .containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin").containsEntry("LANG", "C.UTF-8")
                .doesNotContainKeys("LC_ALL", "TZ");
    }

    @Test
    void goCollectsBeforeTheMemoryLimitAndKeepsToOneCore() {
        assertThat(WorkerEnvironment.of(Map.of(), HOME, TMP, MEMORY))
                .containsEntry("GOMEMLIMIT", Long.toString(MEMORY / 2))
                .containsEntry("GOMAXPROCS", "1")
                .containsEntry("GOTRACEBACK", "none");
    }
}
