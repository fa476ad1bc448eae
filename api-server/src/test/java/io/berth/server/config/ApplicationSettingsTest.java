package io.berth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code berth.*} setting that Berth's own YAML files give is one that Berth reads: named in the
 * configuration metadata that Spring Boot's processor writes for each settings record (and, for the few
 * settings read through {@code @Value}, in additional-spring-configuration-metadata.json). A key left
 * behind by a change of settings would otherwise stay in the file, documented, and do nothing.
 */
class ApplicationSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyBerthKeyOfTheApplicationsYamlFilesIsASettingBerthReads() throws IOException {
        Set<String> known = knownSettings();
        assertThat(known).as("metadata of the modules' settings records").contains("berth.status.refresh-interval",
                "berth.clusters.probe-interval", "berth.templates.max-documents", "berth.stream.keep-alive", "berth.shutdown-timeout");

        for (String file : new String[] {"application.yml", "application-demo.yml"}) {
            Set<String> unknown = new TreeSet<>();
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                    String name = key.replaceAll("\\[\\d+]$", ""); // a list's items
                    if (name.startsWith("berth.") && !known.contains(name) && !underAMap(name, known)) {
                        unknown.add(key);
                    }
                }
            }
            assertThat(unknown).as("berth.* keys of %s that no setting reads", file).isEmpty();
        }
    }

    /** A key inside a setting of map type (berth.x.some-key under berth.x). */
    private static boolean underAMap(String name, Set<String> known) {
        return known.stream().anyMatch(k -> k.endsWith("#map") && name.startsWith(k.substring(0, k.length() - 4) + "."));
    }

    private static Set<String> knownSettings() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String resource : new String[] {"META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json"}) {
            for (URL url : Collections.list(ApplicationSettingsTest.class.getClassLoader().getResources(resource))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : JSON.readTree(in).path("properties")) {
                        String type = property.path("type").asString("");
                        known.add(property.get("name").asString() + (type.startsWith("java.util.Map") ? "#map" : ""));
                    }
                }
            }
        }
        return known;
    }
}
