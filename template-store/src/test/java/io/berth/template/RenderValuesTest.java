package io.berth.template;

import static io.berth.template.Fixtures.BUILT_INS;
import static io.berth.template.Fixtures.configMap;
import static io.berth.template.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RenderValuesTest {

    private static final String SCHEMA = """
            {
              "type": "object",
              "required": ["image"],
              "properties": {
                "image": { "type": "string" },
                "mode": { "enum": ["fast", "safe"], "default": "safe" },
                "db": {
                  "type": "object",
                  "properties": {
                    "host": { "type": "string", "default": "localhost" },
                    "port": { "type": "integer", "minimum": 1, "maximum": 65535, "default": 5432 },
                    "pool": { "type": "integer", "default": 5 }
                  }
                }
              },
              "additionalProperties": false
            }
            """;

    private static final String DOCUMENTS = configMap("x", "  image: {{ image }}\n  mode: {{ mode }}\n"
            + "  host: {{ db.host }}\n  port: {{ db.port }}\n  pool: {{ db.pool }}\n");

    private final TemplateRenderer renderer = new TemplateRenderer();

    private List<TemplateProblem> problems(Map<String, Object> values) {
        SimpleContent content = new SimpleContent(DOCUMENTS, SCHEMA, Map.of(), List.of());
        return catchThrowableOfType(RenderException.class, () -> renderer.render(content, values, BUILT_INS)).problems();
    }

    @Test
    void schemaViolationsAreReportedWithTheirJsonPaths() {
        List<TemplateProblem> problems = problems(values("mode", "reckless", "db", Map.of("port", 70000), "extra", 1));

        assertThat(problems).extracting(TemplateProblem::path)
                .contains("$.image", "$.mode", "$.db.port", "$.extra");
        assertThat(problems).filteredOn(p -> "$.db.port".equals(p.path())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("65535"));
        assertThat(problems).filteredOn(p -> p.documentIndex() != null).extracting(TemplateProblem::message)
                .containsExactly("placeholder {{ image }} has no value");
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        assertThat(problems(values("image", 5))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("$.image"));
    }

    @Test
    void suppliedValuesOverVersionDefaultsOverSchemaDefaultsMergingObjects() {
        SimpleContent content = new SimpleContent(DOCUMENTS, SCHEMA,
                Map.of("image", "app:1", "db", Map.of("host", "db.internal", "pool", 10)), List.of());

        RenderedManifest out = renderer.render(content, values("db", Map.of("pool", 20)), BUILT_INS).manifests().get(0);

        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of(
                "image", "app:1", "mode", "safe", "host", "db.internal", "port", 5432, "pool", 20));
    }

    @Test
    void versionDefaultsThatBreakTheSchemaAreReportedAtRenderTime() {
        SimpleContent content = new SimpleContent(DOCUMENTS, SCHEMA, Map.of("mode", "turbo"), List.of());

        RenderException e = catchThrowableOfType(RenderException.class,
                () -> renderer.render(content, values("image", "app:1"), BUILT_INS));

        assertThat(e.problems()).extracting(TemplateProblem::path).containsExactly("$.mode");
    }
}
