package io.berth.server.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names of the settings the application really reads: Spring Boot's (from the configuration metadata
 * its jars carry) and Berth's own (the components of its {@code @ConfigurationProperties} records, nested
 * records followed), and how an environment variable spells each.
 */
final class ApplicationSettingNames {

    private ApplicationSettingNames() {
    }

    static Set<String> all() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>(springBoots());
        names.addAll(berths());
        return names;
    }

    /** Spring Boot's relaxed binding from the environment: upper case, dots to underscores, dashes dropped. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    static Set<String> berths() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.berth")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            addComponents(prefix.isEmpty() ? type.getAnnotation(ConfigurationProperties.class).prefix() : prefix, type, names);
        }
        return names;
    }

    private static void addComponents(String prefix, Class<?> type, Set<String> names) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                addComponents(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> springBoots() throws IOException {
        Set<String> names = new TreeSet<>();
        JsonMapper json = JsonMapper.builder().build();
        Enumeration<URL> files = ApplicationSettingNames.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                JsonNode properties = json.readTree(in).get("properties");
                if (properties != null) {
                    properties.forEach(p -> names.add(p.get("name").asString()));
                }
            }
        }
        return names;
    }
}
