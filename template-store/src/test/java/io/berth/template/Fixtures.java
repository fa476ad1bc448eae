package io.berth.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: the example templates under {@code src/test/resources/templates} and small contents. */
final class Fixtures {

    static final BuiltIns BUILT_INS = new BuiltIns("shop", "team-a", "eu-1", Map.of("region", "eu-west", "env", "prod"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    static SimpleContent example(String name) {
        String base = "/templates/" + name + "/";
        return new SimpleContent(
                text(base + "documents.yaml"),
                text(base + "parameters.schema.json"),
                JSON.readValue(text(base + "defaults.json"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                JSON.readValue(text(base + "hints.json"), new TypeReference<List<WorkloadHint>>() { }));
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A content whose schema declares the given properties (JSON text of the "properties" object). */
    static SimpleContent content(String documents, String propertiesJson) {
        return new SimpleContent(documents, "{\"type\":\"object\",\"properties\":" + propertiesJson + "}", Map.of(), List.of());
    }

    /** A ConfigMap document with the given data entries (already indented YAML lines under data:). */
    static String configMap(String name, String dataLines) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + dataLines;
    }

    static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}
