package io.berth.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.BerthApplication;
import io.berth.server.testsupport.Api;
import io.berth.server.testsupport.FakeClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A newcomer's first start on the embedded default, then a restart on the same data directory: the
 * generated admin token is printed once and keeps working, the database and the generated encryption
 * key survive, and the second start prints no token.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartAndRestartIT {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("BERTH BOOTSTRAP ADMIN TOKEN: (berth_[A-Za-z0-9_-]+)");
    private static final FakeClusters CLUSTERS = new FakeClusters();

    @AfterAll
    static void stopClusters() {
        CLUSTERS.close();
    }

    @Test
    void firstStartPrintsATokenOnceAndARestartKeepsEverything(CapturedOutput output) throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "berth-restart-");
        String token;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            assertThat(output.getAll()).contains("starting embedded PostgreSQL");
            Matcher printed = PRINTED_TOKEN.matcher(output.getAll());
            assertThat(printed.find()).as("the generated token is printed").isTrue();
            token = printed.group(1);
            Api api = new Api(port(first));
            Api.Reply registered = api.post("/api/v1/clusters", token, Map.of("name", "survivor", "kubeconfig", CLUSTERS.answeringKubeconfig()));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        }
        assertThat(dataDir.resolve("encryption.key")).exists();
        int printedAfterFirstStart = count(PRINTED_TOKEN, output.getAll());

        try (ConfigurableApplicationContext second = start(dataDir)) {
            Api api = new Api(port(second));
            assertThat(count(PRINTED_TOKEN, output.getAll())).as("no token is printed again").isEqualTo(printedAfterFirstStart);
            Api.Reply probed = api.post("/api/v1/clusters/survivor/probe", token, "{}");
            assertThat(probed.status()).as(probed.toString()).isEqualTo(200);
            assertThat(probed.json().get("status").asString()).as("credentials open with the same generated key").isEqualTo("Ready");
        }
        assertThat(printedAfterFirstStart).isEqualTo(1);
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplication(BerthApplication.class).run(
                "--server.port=0", "--berth.data-dir=" + dataDir, "--berth.clusters.probe-scheduler=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
