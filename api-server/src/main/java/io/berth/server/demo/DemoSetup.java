package io.berth.server.demo;

import io.berth.server.projects.Project;
import io.berth.cluster.Cluster;
import io.berth.template.SeedReport;
import io.berth.template.TemplateStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Sets the demo up once Berth has started, before it reports itself ready: waits for the simulated clusters
 * (started while Berth started), writes their kubeconfigs into the data directory, registers them, loads
 * the example templates, starts the object store and registers it as the backup location {@code demo-s3},
 * makes sure of the admin token and prints where everything is. Runs before the
 * bootstrap token, so a demo's first start makes one admin token, the demo's.
 */
final class DemoSetup implements ApplicationRunner, Ordered {

    static final String KUBECONFIG_DIR = "kubeconfigs";
    static final String CONTROL_URL_FILE = "simulator-url";
    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private final SimulatorStartup simulator;
    private final DemoClusters clusters;
    private final TemplateStore templates;
    private final DemoAdminToken adminToken;
    private final Path dataDir;
    private final DemoSettings settings;
    private final Environment environment;
    private final DemoBackupLocation backupLocation;

    DemoSetup(SimulatorStartup simulator, DemoClusters clusters, TemplateStore templates, DemoAdminToken adminToken,
              Path dataDir, DemoSettings settings, Environment environment, DemoBackupLocation backupLocation) {
        this.backupLocation = backupLocation;
        this.simulator = simulator;
        this.clusters = clusters;
        this.templates = templates;
        this.adminToken = adminToken;
        this.dataDir = dataDir.normalize();
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void run(ApplicationArguments args) {
        SimulatorStartup.Started started = simulator.await();
        log.info("Demo: simulated clusters from {} started in {} ms (pods Ready after {})", started.loadedFrom(),
                started.took().toMillis(), settings.readinessDelay());
        Map<String, Path> kubeconfigs = new LinkedHashMap<>();
        List<DemoSummary.ClusterLine> lines = new ArrayList<>();
        for (int i = 0; i < DemoClusters.SPECS.size(); i++) {
            DemoClusters.Spec spec = DemoClusters.SPECS.get(i);
            SimulatedCluster simulated = started.clusters().get(i);
            Path file = PrivateFiles.write(dataDir.resolve(KUBECONFIG_DIR).resolve(spec.name() + ".yaml"), simulated.kubeconfig());
            kubeconfigs.put(spec.name(), file.toAbsolutePath());
            Cluster cluster = clusters.registerOrRotate(spec, simulated.kubeconfig());
            log.info("Demo: cluster {} at {} is {}", cluster.name(), cluster.apiServerUrl(), cluster.status());
            lines.add(new DemoSummary.ClusterLine(spec, simulated.url(), cluster.status().name(), file));
        }
        String controlUrl = started.simulator().startControlApi(kubeconfigs);
        PrivateFiles.write(dataDir.resolve(CONTROL_URL_FILE), controlUrl + "\n");
        SeedReport seeds = templates.seedExamples(DemoClusters.CREATED_BY, Project.DEFAULT_ID);
        log.info("Demo: example templates created {}, already there {}", seeds.created(), seeds.skipped());
        SimulatedObjectStore store = started.simulator().startObjectStore(DemoBackupLocation.BUCKET);
        backupLocation.registerOrUpdate(store);
        String token = adminToken.ensure(dataDir);
        print(new DemoSummary("http://localhost:" + environment.getProperty("local.server.port"),
                environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html"), token,
                dataDir.resolve(DemoAdminToken.FILE), lines, controlUrl, dataDir.resolve(CONTROL_URL_FILE), store.endpoint()));
    }

    /**
     * On standard output, not in the log: the summary carries the admin token, which must not end up in
     * log files or log shippers.
     */
    private static void print(DemoSummary summary) {
        PrintStream out = System.out;
        out.print(summary.render());
        out.flush();
    }
}
