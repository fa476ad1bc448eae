package io.berth.template;

import static io.berth.template.Fixtures.configMap;
import static io.berth.template.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RenderBuiltInsTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    private final BuiltIns builtIns = new BuiltIns("shop", "team-a", "eu-1",
            Map.of("env", "prod", "topology.kubernetes.io/zone", "eu-west-1a"));

    @Test
    void builtInsAreAvailableWithoutBeingDeclared() {
        String documents = configMap("{{ berth.application }}-settings",
                "  app: {{ berth.application }}\n  ns: {{ berth.namespace }}\n  cluster: {{ berth.cluster }}\n"
                        + "  env: {{ berth.clusterLabels.env }}\n  zone: {{ berth.clusterLabels.topology.kubernetes.io/zone }}\n");

        RenderedManifest out = renderer.render(content(documents, "{}"), Map.of(), builtIns).manifests().get(0);

        assertThat(out.name()).isEqualTo("shop-settings");
        assertThat(out.object()).extractingByKey("data").isEqualTo(Map.of("app", "shop", "ns", "team-a",
                "cluster", "eu-1", "env", "prod", "zone", "eu-west-1a"));
    }

    @Test
    void aClusterLabelTheClusterDoesNotHaveHasNoValue() {
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(
                content(configMap("x", "  tier: {{ berth.clusterLabels.tier }}\n"), "{}"), Map.of(), builtIns));

        assertThat(e.problems()).extracting(TemplateProblem::message)
                .containsExactly("placeholder {{ berth.clusterLabels.tier }} has no value");
    }

    @Test
    void anUnknownBuiltInNameIsAnUnknownPlaceholder() {
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(
                content(configMap("x", "  a: {{ berth.region }}\n  b: {{ berth.clusterLabels }}\n"), "{}"), Map.of(), builtIns));

        assertThat(e.problems()).extracting(TemplateProblem::message).allMatch(m -> m.startsWith("unknown placeholder"));
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void aSchemaCannotDeclareTheReservedName() {
        RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(
                content(configMap("x", "  a: b\n"), "{\"berth\":{\"type\":\"object\"}}"), Map.of(), builtIns));

        assertThat(e.problems()).extracting(TemplateProblem::path).containsExactly("$.properties.berth");
    }
}
