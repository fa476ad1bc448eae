package io.berth.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.BerthProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged Berth (so this runs in the integration-test phase, after {@code package}), in both its
 * forms: berth.jar with lib/ and demo/ beside it, and the one file berth-boot.jar. A normal start of
 * either cannot load kube-sim; {@code java -jar berth.jar --demo} runs the demo, and berth-boot.jar runs it
 * again on the same data directory. The first demo is the one README.md's walkthrough runs against,
 * command by command ({@link ReadmeWalkthroughRun}): what a newcomer reads is what the jar they are told
 * to run does.
 */
class DemoPackagedIT {

    private static final Path JAR = Path.of(System.getProperty("berth.jar", "target/berth.jar")).toAbsolutePath();
    private static final Path BOOT_JAR = Path.of(System.getProperty("berth.boot-jar", "target/berth-boot.jar")).toAbsolutePath();
    private static final String KUBE_SIM = "io.berth.kubesim.KubeSim";
    private static final String ADAPTER = "io.berth.server.demo.sim.KubeSimFactory";
    private static final String MOCK_SERVER = "io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher";

    @Test
    void aNormalStartOfEitherFormCannotLoadTheSimulator() throws Exception {
        for (Path jar : List.of(JAR, BOOT_JAR)) {
            List<String> probe = probeLauncherClassPath(jar, "io.berth.server.BerthApplication", "io.fabric8.kubernetes.client.KubernetesClient",
                    SimulatorFactory.class.getName(), KUBE_SIM, ADAPTER, MOCK_SERVER, "org.bouncycastle.jce.provider.BouncyCastleProvider");

            assertThat(probe).as(jar.getFileName().toString()).contains("loadable io.berth.server.BerthApplication",
                    "loadable io.fabric8.kubernetes.client.KubernetesClient", "loadable " + SimulatorFactory.class.getName(),
                    "not-loadable " + KUBE_SIM, "not-loadable " + ADAPTER, "not-loadable " + MOCK_SERVER,
                    "not-loadable org.bouncycastle.jce.provider.BouncyCastleProvider");
            assertThat(probe).filteredOn(line -> line.startsWith("class-path ")).isNotEmpty()
                    .noneMatch(line -> line.contains(SimulatorLoader.DEMO_FOLDER) || line.contains("/" + SimulatorLoader.BESIDE_FOLDER));
        }
    }

    @Test
    void besideBerthJarItsLibrariesAreWhatItsManifestNamesAndTheDemoFolderHoldsOnlyTheSimulator() throws IOException {
        Path lib = JAR.resolveSibling("lib");
        Path demo = JAR.resolveSibling(SimulatorLoader.BESIDE_FOLDER);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.berth.server.BerthApplication");
            List<String> named = List.of(classPath.trim().split("\\s+"));
            assertThat(named).isNotEmpty().allMatch(entry -> entry.startsWith("lib/") && Files.isRegularFile(JAR.resolveSibling(entry)));
            assertThat(jar.getEntry("io/berth/server/BerthApplication.class")).isNotNull();
            assertThat(jar.getEntry("io/berth/server/demo/sim/KubeSimFactory.class")).isNull();
            try (var files = Files.list(demo)) {
                List<String> demoJars = files.map(f -> f.getFileName().toString()).toList();
                assertThat(demoJars).anyMatch(n -> n.contains("berth-kube-sim-")).anyMatch(n -> n.endsWith("berth-demo-sim.jar"))
                        .anyMatch(n -> n.contains("kubernetes-server-mock-"));
                assertThat(named).as("a demo jar also among Berth's libraries").noneMatch(entry -> demoJars.contains(entry.substring(4)));
            }
        }
        assertThat(lib).isDirectory();
    }

    @Test
    void theDemoFolderOfTheOneFileHoldsTheSimulatorStoredSoItOpensInPlaceAndNothingOfItIsInTheLibraries() throws IOException {
        try (JarFile jar = new JarFile(BOOT_JAR.toFile())) {
            List<ZipEntry> demo = jar.stream().filter(e -> e.getName().startsWith(SimulatorLoader.DEMO_FOLDER) && !e.isDirectory())
                    .map(ZipEntry.class::cast).toList();
            assertThat(demo).map(ZipEntry::getName).anyMatch(n -> n.contains("berth-kube-sim-"))
                    .anyMatch(n -> n.endsWith("berth-demo-sim.jar")).anyMatch(n -> n.contains("kubernetes-server-mock-"));
            assertThat(demo).allMatch(e -> e.getMethod() == ZipEntry.STORED, "stored, not deflated");
            List<String> libraries = jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/")).toList();
            for (ZipEntry entry : demo) {
                String file = entry.getName().substring(SimulatorLoader.DEMO_FOLDER.length());
                assertThat(libraries).as("a demo jar also among Berth's libraries").doesNotContain("BOOT-INF/lib/" + file);
            }
            assertThat(jar.getEntry("BOOT-INF/classes/io/berth/server/demo/sim/KubeSimFactory.class")).isNull();
        }
    }

    @Test
    void theDemoRunsFromBerthJarAndAgainFromTheOneFileOnTheSameDataDirectory() throws Exception {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-jar-").toAbsolutePath();
        Path dataDir = home.resolve("data-demo");
        Files.createDirectories(dataDir);

        String token;
        Map<String, String> firstUrls;
        try (BerthProcess first = startDemo(JAR, dataDir, home.resolve("first.log"))) {
            String log = first.log();
            assertThat(log).contains("Demo: simulated clusters from " + SimulatorLoader.BESIDE_FOLDER + " beside " + JAR.getFileName());
            token = Files.readString(dataDir.resolve("admin-token")).trim();
            assertThat(log).contains("Berth demo is ready", "Admin token  " + token,
                    "Swagger UI   http://localhost:" + first.port() + "/swagger-ui.html");
            firstUrls = assertTheDemoIsUp(first.api(), token, dataDir);
            // what the README tells a newcomer to do next, on the very jar it tells them to run; it deploys web to sim-a/shop
            ReadmeWalkthroughRun.runAndCheck(home, first.port(), token);
            assertThat(first.api().get("/api/v1/applications/web", token).json().get("health").asString()).isEqualTo("Healthy");
            assertThat(first.terminate(Duration.ofSeconds(60))).isTrue();
        }

        try (BerthProcess second = startDemo(BOOT_JAR, dataDir, home.resolve("second.log"))) {
            assertThat(second.log()).contains("Demo: simulated clusters from " + SimulatorLoader.DEMO_FOLDER + " of " + BOOT_JAR.getFileName());
            assertThat(Files.readString(dataDir.resolve("admin-token")).trim()).as("the same token").isEqualTo(token);
            assertThat(second.log()).contains("Admin token  " + token, "already there [");
            Map<String, String> secondUrls = assertTheDemoIsUp(second.api(), token, dataDir);
            assertThat(secondUrls).as("new simulated clusters on new ports, given to the same registrations")
                    .doesNotContainEntry("sim-a", firstUrls.get("sim-a")).doesNotContainEntry("sim-b", firstUrls.get("sim-b"));
            // the new cluster is empty: the application deployed before is Missing until a sync applies it again
            Api api = second.api();
            await().atMost(Duration.ofSeconds(60)).until(() -> "Missing".equals(api.get("/api/v1/applications/web", token).json()
                    .get("health").asString()));
            assertThat(ended(api, token, api.post("/api/v1/applications/web/sync", token, Map.of("wait", true)))).isEqualTo("Succeeded");
            await().atMost(Duration.ofSeconds(60)).until(() -> "Healthy".equals(api.get("/api/v1/applications/web", token).json()
                    .get("health").asString()));
        }
    }

    /** The clusters are registered, Ready, labelled, and their kubeconfigs in the data directory reach them over HTTPS. */
    private static Map<String, String> assertTheDemoIsUp(Api api, String token, Path dataDir) throws IOException {
        JsonNode clusters = api.get("/api/v1/clusters", token).json().get("items");
        assertThat(clusters.valueStream().map(c -> c.get("name").asString() + " " + c.get("labels").get("env").asString() + " "
                + c.get("status").asString())).containsExactly("sim-a dev Ready", "sim-b prod Ready");
        Map<String, String> urls = new TreeMap<>();
        for (JsonNode cluster : clusters) {
            String name = cluster.get("name").asString();
            String kubeconfig = Files.readString(dataDir.resolve("kubeconfigs").resolve(name + ".yaml"));
            Config config = Config.fromKubeconfig(kubeconfig);
            assertThat(config.getMasterUrl()).startsWith("https://").startsWith(cluster.get("apiServerUrl").asString());
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(client.nodes().list().getItems()).hasSize(3);
            }
            urls.put(name, cluster.get("apiServerUrl").asString());
        }
        assertThat(api.get("/api/v1/template-sets", token).json().get("items").valueStream().map(s -> s.get("name").asString()))
                .containsExactly("etcd-backup-operator", "etcd-cluster", "etcd-operator", "etcd-restore-operator", "nginx-web");
        assertThat(api.get("/api/v1/tokens", token).json().get("items").valueStream().map(t -> t.get("name").asString()))
                .containsExactly(DemoAdminToken.NAME);
        return urls;
    }

    /** The operation the reply started, once it has ended: its state. */
    private static String ended(Api api, String token, Api.Reply started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asString();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/operations/" + id, token).json().get("state").asString(),
                        state -> List.of("Succeeded", "Failed", "Cancelled").contains(state));
    }

    private static BerthProcess startDemo(Path jar, Path dataDir, Path log) throws IOException {
        assertThat(jar).as("the packaged jar (this test runs after package)").exists();
        long started = System.nanoTime();
        BerthProcess demo = BerthProcess.startJar(jar, List.of(DemoMode.ARGUMENT), dataDir, log,
                Map.of("berth.embedded-database.durability", "unsafe-fast-for-tests"));
        System.out.printf("demo from %s ready after %.1f s (%d cores)%n", jar.getFileName(), (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().availableProcessors());
        return demo;
    }

    /** Runs {@link LauncherClassPathProbe} with nothing but the jar and the probe on the class path. */
    private static List<String> probeLauncherClassPath(Path jar, String... classNames) throws Exception {
        assertThat(jar).as("the packaged jar (this test runs after package)").exists();
        Path probeRoot = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "launcher-probe-");
        String classFile = LauncherClassPathProbe.class.getName().replace('.', '/') + ".class";
        Path target = probeRoot.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (var in = LauncherClassPathProbe.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + probeRoot.toAbsolutePath(), LauncherClassPathProbe.class.getName()));
        // berth-boot.jar runs in the class loader Spring Boot's launcher builds; berth.jar in the JVM's own
        command.add(jar.equals(BOOT_JAR) ? LauncherClassPathProbe.BOOT_LAUNCHER : LauncherClassPathProbe.JVM);
        command.addAll(List.of(classNames));
        Path out = probeRoot.resolve("probe.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
