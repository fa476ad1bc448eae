package io.berth.template.internal.seed;

import io.berth.template.SimpleContent;
import io.berth.template.WorkloadHint;
import io.berth.template.internal.json.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The example template sets under {@code seeds/<name>/}: {@code set.json} (description, labels,
 * version, changelog), {@code documents.yaml}, {@code parameters.schema.json}, {@code defaults.json}
 * and {@code hints.json}.
 */
public final class ExampleTemplates {

    private static final List<String> NAMES = List.of("nginx-web", "etcd-cluster", "etcd-operator");

    private ExampleTemplates() {
    }

    /** One example: a set and its one version. */
    public record Example(String name, String description, Map<String, String> labels, String version,
                          String changelog, SimpleContent content) {
    }

    record SetFile(String description, Map<String, String> labels, String version, String changelog) {
    }

    public static List<Example> all() {
        return NAMES.stream().map(ExampleTemplates::load).toList();
    }

    private static Example load(String name) {
        String base = "/seeds/" + name + "/";
        SetFile set = Mappers.json().readValue(text(base + "set.json"), SetFile.class);
        SimpleContent content = new SimpleContent(
                text(base + "documents.yaml"),
                text(base + "parameters.schema.json"),
                Mappers.json().readValue(text(base + "defaults.json"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                Mappers.json().readValue(text(base + "hints.json"), new TypeReference<List<WorkloadHint>>() { }));
        return new Example(name, set.description(), set.labels(), set.version(), set.changelog(), content);
    }

    private static String text(String resource) {
        try (InputStream in = ExampleTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
