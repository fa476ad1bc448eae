package io.berth.server.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.server.demo.DemoMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Docker is not at hand where Berth is built, so the Compose file is never run here. This test holds it
 * to the application instead: the image it builds (the Dockerfile, the jar the build makes), the port,
 * the health endpoint, every environment variable it sets (a setting Berth or Spring Boot really reads)
 * and every one it takes from {@code .env} (listed in {@code .env.example}).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> BERTH_SERVICES = List.of("berth", "berth-demo");
    private static JsonNode services;
    private static String compose;
    private static MockEnvironment settings;
    private static List<PropertySource<?>> settingFiles;

    @BeforeAll
    static void read() throws IOException {
        compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        services = YAMLMapper.builder().build().readTree(compose).get("services");
        settings = new MockEnvironment();
        settingFiles = new ArrayList<>();
        // the profile's file first: it wins over application.yml, as it does for a demo
        for (String file : List.of("application-demo.yml", "application.yml")) {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                settingFiles.add(source);
                settings.getPropertySources().addLast(source);
            }
        }
    }

    @Test
    void berthIsBuiltFromTheDockerfileThatRunsTheJarTheBuildMakes() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String jar = finalNameOfTheApiServer() + ".jar";

        for (String service : BERTH_SERVICES) {
            assertThat(services.get(service).get("build").asString()).as(service).isEqualTo(".");
        }
        assertThat(dockerfile).containsPattern("(?m)^COPY --from=build /src/api-server/target/" + Pattern.quote(jar) + " /app/berth.jar$")
                // the libraries its manifest names (lib/...) and the demo's jars, beside it as the build writes them
                .containsPattern("(?m)^COPY --from=build /src/api-server/target/lib /app/lib$")
                .containsPattern("(?m)^COPY --from=build /src/api-server/target/demo /app/demo$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:SharedArchiveFile=/app/berth.jsa\", \"-jar\", \"/app/berth.jar\"\\]$");
    }

    /**
     * The class data sharing archive the entrypoint maps (docs/deployment.md, "Start-up") is the one the
     * image's training run writes, from the same jar: an archive made from other jars, or missing, is
     * ignored by the JVM without a word, and Berth would start at the slower speed unnoticed. The training
     * run stops after Spring's refresh and runs as the application user (PostgreSQL refuses root).
     */
    @Test
    void theImageMapsTheClassArchiveThatItsOwnTrainingRunWroteFromTheSameJar() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        // each RUN instruction with its continuation lines, up to the next line that starts in the first column
        Matcher runs = Pattern.compile("(?ms)^RUN .*?(?=^\\S|\\z)").matcher(dockerfile);
        List<String> training = new ArrayList<>();
        while (runs.find()) {
            if (runs.group().contains("-XX:ArchiveClassesAtExit")) {
                training.add(runs.group());
            }
        }

        assertThat(training).as("the training run").hasSize(1);
        assertThat(training.get(0)).contains("setpriv --reuid=10001 --regid=10001", "-XX:ArchiveClassesAtExit=\"$training/berth.jsa\"",
                "-Dspring.context.exit=onRefresh", "-jar /app/berth.jar ", "test -s \"$training/berth.jsa\"",
                "install -o root -g root -m 0444 \"$training/berth.jsa\" /app/berth.jsa");
        assertThat(dockerfile.indexOf("COPY --from=build /src/api-server/target/berth.jar /app/berth.jar"))
                .as("the jar is in place before the training run").isBetween(0, dockerfile.indexOf(training.get(0)));
    }

    @Test
    void thePublishedPortIsTheOneBerthListensOnAndTheImageExposes() throws IOException {
        String port = settings.getProperty("server.port");
        assertThat(port).isEqualTo("8080");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).containsPattern("(?m)^EXPOSE " + port + "$");

        for (String service : BERTH_SERVICES) {
            assertThat(services.get(service).get("ports").valueStream().map(JsonNode::asString))
                    .as(service).isNotEmpty().allSatisfy(mapping -> assertThat(mapping).endsWith(":" + port));
        }
    }

    @Test
    void theHealthCheckAsksBerthsOwnHealthEndpoint() {
        String port = settings.getProperty("server.port");
        String basePath = settings.getProperty("management.endpoints.web.base-path", "/actuator");
        assertThat(settings.getProperty("management.server.port")).as("health on the application's port").isNull();
        assertThat(settings.getProperty("management.endpoints.web.exposure.include")).contains("health");

        for (String service : BERTH_SERVICES) {
            assertThat(services.get(service).get("healthcheck").get("test").valueStream().map(JsonNode::asString))
                    .as(service).contains("http://127.0.0.1:" + port + basePath + "/health");
        }
    }

    @Test
    void everyVariableGivenToBerthIsASettingItReads() throws Exception {
        Set<String> properties = ApplicationSettingNames.all();
        Set<String> unknown = new TreeSet<>();
        for (String service : BERTH_SERVICES) {
            services.get(service).get("environment").propertyNames().forEach(variable -> {
                if (!readBySpringBoot(variable, properties) && !mappedInTheSettingFiles(variable, properties)) {
                    unknown.add(service + ": " + variable);
                }
            });
        }
        assertThat(unknown).as("variables that no setting of Berth or Spring Boot reads").isEmpty();
        assertThat(properties).as("the names are read at all").contains("spring.datasource.url", "berth.encryption.key",
                "berth.data-dir", "berth.demo.readiness-delay");
    }

    @Test
    void everyVariableTakenFromDotEnvIsInTheExampleAndNoOtherIs() throws IOException {
        Set<String> interpolated = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
        while (m.find()) {
            interpolated.add(m.group(1));
        }
        Set<String> example = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            Matcher variable = Pattern.compile("^([A-Z0-9_]+)=").matcher(line);
            if (variable.find()) {
                example.add(variable.group(1));
                assertThat(line).as("the example holds no secret").isEqualTo(variable.group(1) + "=");
            }
        }
        assertThat(example).isEqualTo(interpolated).contains("BERTH_DB_PASSWORD", "BERTH_ENCRYPTION_KEY", "BERTH_BOOTSTRAP_TOKEN");
    }

    @Test
    void theDemoProfileStartsBerthWithTheDemoFlagOnItsOwnDataAndNoExternalDatabase() {
        JsonNode demo = services.get("berth-demo");

        assertThat(demo.get("profiles").valueStream().map(JsonNode::asString)).containsExactly(DemoMode.PROFILE);
        assertThat(demo.get("command").valueStream().map(JsonNode::asString)).containsExactly(DemoMode.ARGUMENT);
        assertThat(demo.get("depends_on")).as("nothing of the real Berth's").isNull();
        Set<String> variables = new LinkedHashSet<>();
        demo.get("environment").propertyNames().forEach(variables::add);
        assertThat(variables).doesNotContain("SPRING_DATASOURCE_URL", "BERTH_DATABASE_URL").contains("BERTH_DEMO_DATA_DIR");
        String dataDir = demo.get("environment").get("BERTH_DEMO_DATA_DIR").asString();
        assertThat(demo.get("volumes").valueStream().map(JsonNode::asString)).anyMatch(volume -> volume.endsWith(":" + dataDir));
        settings.setProperty("BERTH_DEMO_DATA_DIR", dataDir);
        assertThat(settings.getProperty("berth.data-dir")).as("the demo's data directory, from application-demo.yml").isEqualTo(dataDir);
    }

    private static boolean readBySpringBoot(String variable, Set<String> properties) {
        return properties.stream().anyMatch(p -> ApplicationSettingNames.environmentVariable(p).equals(variable));
    }

    /** A setting whose value in application.yml or application-demo.yml is taken from the variable. */
    private static boolean mappedInTheSettingFiles(String variable, Set<String> properties) {
        for (PropertySource<?> source : settingFiles) {
            if (source.getSource() instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (String.valueOf(entry.getValue()).contains("${" + variable + ":") && properties.contains(String.valueOf(entry.getKey()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String finalNameOfTheApiServer() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("api-server/pom.xml").toFile());
        var finalNames = pom.getElementsByTagName("finalName");
        assertThat(finalNames.getLength()).isEqualTo(1);
        return finalNames.item(0).getTextContent().trim();
    }
}
