package io.berth.template.internal.seed;

import io.berth.template.SimpleContent;
import io.berth.template.WorkloadHint;
import io.berth.template.internal.json.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The example template sets under {@code seeds/<name>/}: {@code set.json} (description, labels,
 * version, changelog), {@code documents.yaml}, {@code parameters.schema.json}, {@code defaults.json}
 * and {@code hints.json}. {@code set.json} may list {@code later} versions, each with the same
 * documents, schema and defaults and its own hints file (versions are immutable: an example gains a
 * declaration by a new version, never by changing one that installations already hold).
 */
public final class ExampleTemplates {

    private static final List<String> NAMES = List.of("nginx-web", "etcd-cluster", "etcd-operator", "etcd-backup-operator",
            "etcd-restore-operator");

    private ExampleTemplates() {
    }

    /** One example: a set and its versions, the first first. */
    public record Example(String name, String description, Map<String, String> labels, List<ExampleVersion> versions) {
    }

    public record ExampleVersion(String version, String changelog, SimpleContent content) {
    }

    record SetFile(String description, Map<String, String> labels, String version, String changelog, List<LaterVersion> later) {
    }

    record LaterVersion(String version, String changelog, String hints) {
    }

    public static List<Example> all() {
        return NAMES.stream().map(ExampleTemplates::load).toList();
    }

    private static Example load(String name) {
        String base = "/seeds/" + name + "/";
        SetFile set = Mappers.json().readValue(text(base + "set.json"), SetFile.class);
        List<ExampleVersion> versions = new ArrayList<>();
        versions.add(new ExampleVersion(set.version(), set.changelog(), content(base, "hints.json")));
        for (LaterVersion later : set.later() == null ? List.<LaterVersion>of() : set.later()) {
            versions.add(new ExampleVersion(later.version(), later.changelog(), content(base, later.hints())));
        }
        return new Example(name, set.description(), set.labels(), List.copyOf(versions));
    }

    private static SimpleContent content(String base, String hintsFile) {
        return new SimpleContent(
                text(base + "documents.yaml"),
                text(base + "parameters.schema.json"),
                Mappers.json().readValue(text(base + "defaults.json"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                Mappers.json().readValue(text(base + hintsFile), new TypeReference<List<WorkloadHint>>() { }));
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
