package io.berth.template;

import static io.berth.template.Fixtures.BUILT_INS;
import static io.berth.template.Fixtures.configMap;
import static io.berth.template.Fixtures.content;
import static io.berth.template.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RenderTypesTest {

    private static final String DEPLOYMENT_HEAD = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n";

    private final TemplateRenderer renderer = new TemplateRenderer();

    private RenderedManifest renderOne(String documents, String properties, Map<String, Object> values) {
        return renderer.render(content(documents, properties), values, BUILT_INS).manifests().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(RenderedManifest manifest) {
        return (Map<String, Object>) manifest.object().get("spec");
    }

    @Test
    void aWholeValuePlaceholderKeepsTheNumberType() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  replicas: {{ replicas }}\n",
                "{\"replicas\":{\"type\":\"integer\"}}", values("replicas", 3));

        assertThat(spec(out).get("replicas")).isEqualTo(3);
        assertThat(out.yaml()).contains("  replicas: 3\n");
    }

    @Test
    void aWholeValuePlaceholderKeepsBooleansAndDecimals() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  paused: {{ paused }} # stop rollouts\n  ratio: {{ ratio }}\n",
                "{\"paused\":{\"type\":\"boolean\"},\"ratio\":{\"type\":\"number\"}}", values("paused", true, "ratio", 0.5));

        assertThat(spec(out)).containsEntry("paused", true).containsEntry("ratio", 0.5);
        assertThat(out.yaml()).contains("  paused: true\n  ratio: 0.5\n");
    }

    @Test
    void aQuotedPlaceholderAlwaysGivesAString() {
        RenderedManifest out = renderOne(configMap("x", "  port: \"{{ port }}\"\n  debug: '{{ debug }}'\n"),
                "{\"port\":{\"type\":\"integer\"},\"debug\":{\"type\":\"boolean\"}}", values("port", 8080, "debug", false));

        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of("port", "8080", "debug", "false"));
        assertThat(out.yaml()).contains("  port: \"8080\"\n  debug: \"false\"\n");
    }

    @Test
    void aPlaceholderInsideTextWritesTheValueAsText() {
        RenderedManifest out = renderOne(configMap("web-{{ n }}", "  url: http://{{ host }}:{{ n }}/path\n"),
                "{\"n\":{\"type\":\"integer\"},\"host\":{\"type\":\"string\"}}", values("n", 8080, "host", "db"));

        assertThat(out.name()).isEqualTo("web-8080");
        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of("url", "http://db:8080/path"));
    }

    @Test
    void aSequenceItemPlaceholderIsTyped() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  ports:\n  - {{ port }}\n  - \"{{ port }}\"\n",
                "{\"port\":{\"type\":\"integer\"}}", values("port", 80));

        assertThat(spec(out).get("ports")).isEqualTo(List.of(80, "80"));
    }

    @Test
    void anObjectIsInsertedWhenTheSchemaDeclaresAnObject() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  resources: {{ resources }}\n",
                "{\"resources\":{\"type\":\"object\"}}",
                values("resources", Map.of("limits", Map.of("memory", "1Gi", "cpu", "500m"))));

        assertThat(spec(out).get("resources")).isEqualTo(Map.of("limits", Map.of("cpu", "500m", "memory", "1Gi")));
        assertThat(out.yaml()).contains("  resources:\n    limits:\n      cpu: \"500m\"\n      memory: \"1Gi\"\n");
    }

    @Test
    void anArrayIsInsertedWhenTheSchemaDeclaresAnArray() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  args: {{ args }}\n",
                "{\"args\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}", values("args", List.of("--verbose", "-n", "3")));

        assertThat(spec(out).get("args")).isEqualTo(List.of("--verbose", "-n", "3"));
    }

    @Test
    void anObjectIsRefusedWhenTheSchemaDoesNotDeclareOne() {
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(
                content(DEPLOYMENT_HEAD + "  resources: {{ resources }}\n", "{\"resources\":{}}"),
                values("resources", Map.of("limits", Map.of())), BUILT_INS));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.spec.resources");
            assertThat(p.message()).contains("is an object but its schema does not declare type object or array");
        });
    }

    @Test
    void anObjectCannotBeWrittenIntoText() {
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(
                content(configMap("x", "  a: \"{{ o }}\"\n  b: x-{{ o }}\n"), "{\"o\":{\"type\":\"object\"}}"),
                values("o", Map.of("k", 1)), BUILT_INS));

        assertThat(e.problems()).extracting(TemplateProblem::path).containsExactly("$.data.a", "$.data.b");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).contains("cannot be written into a text value"));
    }

    @Test
    void placeholdersInABlockScalarAreTextAndKeepTheLinesAroundThem() {
        String documents = configMap("x", "  app.properties: |\n    port: {{ port }}\n    - {{ port }}\n    # {{ port }}\n"
                + "  other: {{ port }}\n");

        RenderedManifest out = renderOne(documents, "{\"port\":{\"type\":\"integer\"}}", values("port", 8080));

        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of(
                "app.properties", "port: 8080\n- 8080\n# 8080\n", "other", 8080));
    }

    @Test
    void aPlaceholderInAFlowCollectionIsText() {
        RenderedManifest out = renderOne(DEPLOYMENT_HEAD + "  ports: [{{ port }}, 9090]\n  labels: {tier: {{ tier }}}\n",
                "{\"port\":{\"type\":\"integer\"},\"tier\":{\"type\":\"string\"}}", values("port", 80, "tier", "web"));

        assertThat(spec(out)).containsEntry("ports", List.of("80", 9090)).containsEntry("labels", Map.of("tier", "web"));
    }

    @Test
    void nestedParametersAreReachedByDottedNames() {
        RenderedManifest out = renderOne(configMap("x", "  host: {{ db.host }}\n  port: {{ db.port }}\n"),
                "{\"db\":{\"type\":\"object\",\"properties\":{\"host\":{\"type\":\"string\"},\"port\":{\"type\":\"integer\",\"default\":5432}}}}",
                values("db", Map.of("host", "pg")));

        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of("host", "pg", "port", 5432));
    }
}
