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

class RenderStrictnessTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    private List<TemplateProblem> problems(SimpleContent content, Map<String, Object> values) {
        return catchThrowableOfType(RenderException.class, () -> renderer.render(content, values, BUILT_INS)).problems();
    }

    @Test
    void aPlaceholderWithoutValueIsAnErrorNeverAnEmptyString() {
        SimpleContent content = content(configMap("settings", "  greeting: {{ greeting }}\n"),
                "{\"greeting\":{\"type\":\"string\"}}");

        assertThat(problems(content, Map.of())).containsExactly(
                TemplateProblem.inDocument(0, "$.data.greeting", "placeholder {{ greeting }} has no value"));
    }

    @Test
    void aPlaceholderThatIsNeitherDeclaredNorBuiltInIsUnknown() {
        SimpleContent content = content(configMap("settings", "  colour: {{ colour }}\n"), "{}");

        assertThat(problems(content, values("colour", "blue"))).singleElement().satisfies(p -> {
            assertThat(p.documentIndex()).isZero();
            assertThat(p.path()).isEqualTo("$.data.colour");
            assertThat(p.message()).startsWith("unknown placeholder {{ colour }}");
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String documents = configMap("first", "  a: {{ missing }}\n")
                + "---\n" + configMap("second", "  b: {{ undeclared }}\n")
                + "---\n" + "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n"
                + "---\n" + configMap("fourth", "  c: \"{{ count }}\"\n");
        SimpleContent content = content(documents,
                "{\"missing\":{\"type\":\"string\"},\"count\":{\"type\":\"integer\",\"maximum\":5}}");

        List<TemplateProblem> problems = problems(content, values("count", 6));

        assertThat(problems).extracting(TemplateProblem::documentIndex, TemplateProblem::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, null),
                org.assertj.core.groups.Tuple.tuple(null, "$.count"),
                org.assertj.core.groups.Tuple.tuple(0, "$.data.a"),
                org.assertj.core.groups.Tuple.tuple(1, "$.data.b"));
    }

    @Test
    void aYamlSyntaxErrorNamesItsDocumentAndLine() {
        String documents = configMap("ok", "  a: b\n") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n";

        TemplateProblem problem = problems(content(documents, "{}"), Map.of()).get(0);

        assertThat(problem.documentIndex()).isEqualTo(1);
        assertThat(problem.message()).startsWith("line 1").contains("invalid YAML");
    }

    @Test
    void aYamlSyntaxErrorShowsPlaceholdersAsWritten() {
        String documents = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {{ a }}: b\n";

        TemplateProblem problem = problems(content(documents, "{\"a\":{}}"), values("a", "k")).get(0);

        assertThat(problem.message()).doesNotContain("__berth");
    }

    @Test
    void textThatOpensBracesWithoutFormingAPlaceholderIsReported() {
        SimpleContent content = content(configMap("x", "  a: \"{{ not valid }}\"\n"), "{}");

        assertThat(problems(content, Map.of())).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("line 6: '{{' does not start a placeholder"));
    }

    @Test
    void aPlaceholderInAKeyIsRefused() {
        SimpleContent content = content(configMap("x", "  {{ key }}: value\n"), "{\"key\":{\"type\":\"string\"}}");

        assertThat(problems(content, values("key", "k"))).containsExactly(TemplateProblem.inDocument(0,
                "$.data['{{ key }}']", "placeholders are allowed only in values, not in keys"));
    }

    @Test
    void anExplicitNullRemovesADefaultAndLeavesThePlaceholderWithoutValue() {
        SimpleContent content = content(configMap("x", "  a: {{ a }}\n"), "{\"a\":{\"type\":\"string\",\"default\":\"d\"}}");
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("a", null);

        assertThat(problems(content, values)).extracting(TemplateProblem::message)
                .containsExactly("placeholder {{ a }} has no value");
    }

    @Test
    void aValueNamedBerthIsRefused() {
        SimpleContent content = content(configMap("x", "  a: {{ berth.cluster }}\n"), "{}");

        assertThat(problems(content, values("berth", Map.of("cluster", "fake")))).extracting(TemplateProblem::path)
                .containsExactly("$.berth");
    }

    @Test
    void aRenderedNameMustBeADns1123Subdomain() {
        SimpleContent content = content(configMap("{{ name }}", "  a: b\n"), "{\"name\":{\"type\":\"string\"}}");

        assertThat(problems(content, values("name", "Not_Valid"))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("$.metadata.name"));
    }

    @Test
    void documentsThatRenderToTheSameObjectAreDuplicates() {
        String documents = configMap("{{ a }}", "  k: v\n") + "---\n" + configMap("{{ b }}", "  k: v\n");
        SimpleContent content = content(documents, "{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}");

        assertThat(problems(content, values("a", "same", "b", "same"))).singleElement().satisfies(p -> {
            assertThat(p.documentIndex()).isEqualTo(1);
            assertThat(p.message()).contains("already defined by document 0");
        });
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        String documents = configMap("x", "  a: b\n") + "---\n- just\n- a list\n";

        assertThat(problems(content(documents, "{}"), Map.of())).containsExactly(
                TemplateProblem.inDocument(1, "$", "a document must be a mapping (a Kubernetes object), not a sequence"));
    }

    @Test
    void emptyContentCannotBeRendered() {
        assertThat(problems(content("# nothing here\n---\n", "{}"), Map.of())).extracting(TemplateProblem::message)
                .containsExactly("the template has no documents");
    }
}
