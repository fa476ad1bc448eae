package io.berth.template.internal.helm.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole environment of a Helm worker. Nothing of Berth's environment passes except the few
 * harmless variables in {@link #PASSED_ON}: no KUBECONFIG, no KUBERNETES_SERVICE_HOST/PORT, no
 * HELM_* settings, no JAVA_TOOL_OPTIONS, none of Berth's secrets (BERTH_ENCRYPTION_KEY,
 * BERTH_BOOTSTRAP_TOKEN, datasource passwords, cloud credentials). HOME, TMPDIR and Helm's and XDG's
 * cache, config and data directories point into the worker's throw-away directory.
 *
 * <p>For Helm's Go runtime: GOMEMLIMIT at half the worker's memory, so that Go collects garbage
 * harder well before Berth's memory limit; GOMAXPROCS=1, so one render keeps to one core;
 * GOTRACEBACK=none, so a fatal error is one line and no stack dump. MALLOC_ARENA_MAX=2 keeps
 * glibc from reserving an arena per thread.
 */
final class WorkerEnvironment {

    /** Taken from Berth's environment when set there: none of them can point at a cluster or hold a secret. */
    static final List<String> PASSED_ON = List.of("PATH", "LANG", "LC_ALL", "TZ");

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final String DEFAULT_LANG = "C.UTF-8";

    private WorkerEnvironment() {
    }

    /**
     * @param berths      the environment of Berth's process (tests give their own)
     * @param home        the worker's throw-away home
     * @param tmp         the worker's throw-away temporary directory
     * @param memoryBytes the worker's memory limit
     */
    static Map<String, String> of(Map<String, String> berths, Path home, Path tmp, long memoryBytes) {
        Map<String, String> environment = new TreeMap<>();
        for (String name : PASSED_ON) {
            String value = berths.get(name);
            if (value != null && !value.isBlank()) {
                environment.put(name, value);
            }
        }
        environment.putIfAbsent("PATH", DEFAULT_PATH);
        environment.putIfAbsent("LANG", DEFAULT_LANG);
        environment.put("HOME", home.toString());
        environment.put("TMPDIR", tmp.toString());
        environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        environment.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        environment.put("HELM_CACHE_HOME", home.resolve(".cache/helm").toString());
        environment.put("HELM_CONFIG_HOME", home.resolve(".config/helm").toString());
        environment.put("HELM_DATA_HOME", home.resolve(".local/share/helm").toString());
        environment.put("GOMEMLIMIT", Long.toString(memoryBytes / 2));
        environment.put("GOMAXPROCS", "1");
        environment.put("GOTRACEBACK", "none");
        environment.put("MALLOC_ARENA_MAX", "2");
        return environment;
    }
}
