package io.berth.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentPartTest {

    private final ContentValidator validator = new ContentValidator();

    @Test
    void publishProblemsAreSortedIntoDocumentsSchemaDefaultsAndHints() {
        SimpleContent content = new SimpleContent(
                Fixtures.configMap("c", "  n: \"{{ n }}\"\n") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":7}",
                Map.of("n", "text"),
                List.of(new WorkloadHint("v1", "Pod", ScaleHint.atPath("spec.size"), null)));

        List<TemplateProblem> problems = validator.validate(content);

        assertThat(problems).extracting(ContentPart::ofPublishProblem, p -> ContentPart.ofPublishProblem(p).relativePath(p))
                .contains(tuple(ContentPart.DOCUMENTS, ".metadata.name"),
                        tuple(ContentPart.PARAMETERS_SCHEMA, ".required"),
                        tuple(ContentPart.HINTS, "[0]"));
        assertThat(problems).filteredOn(p -> ContentPart.ofPublishProblem(p) == ContentPart.DEFAULTS)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(ContentPart.DEFAULTS.relativePath(p)).isIn("", ".n"));
    }

    @Test
    void aSchemaThatIsNotAnObjectIsAboutTheWholeSchema() {
        List<TemplateProblem> problems = validator.validate(new SimpleContent(Fixtures.configMap("c", "  a: b\n"), "[]", null, null));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(ContentPart.ofPublishProblem(p)).isEqualTo(ContentPart.PARAMETERS_SCHEMA);
            assertThat(ContentPart.PARAMETERS_SCHEMA.relativePath(p)).isEmpty();
        });
    }

    @Test
    void yamlSyntaxProblemsBelongToTheirDocument() {
        List<TemplateProblem> problems = validator.validate(new SimpleContent("apiVersion: v1\nkind: [x\n", null, null, null));

        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(ContentPart.ofPublishProblem(p)).isEqualTo(ContentPart.DOCUMENTS));
    }

    @Test
    void renderProblemsAreAboutValuesOrDocuments() {
        SimpleContent content = Fixtures.content(Fixtures.configMap("c", "  a: \"{{ a }}\"\n  n: \"{{ n }}\"\n"),
                "{\"a\":{\"type\":\"string\"},\"n\":{\"type\":\"integer\"},\"hints\":{\"type\":\"integer\"}}");

        assertThatThrownBy(() -> new TemplateRenderer().render(content, Map.of("n", "x", "hints", "y"), Fixtures.BUILT_INS))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.problems())
                        .extracting(ContentPart::ofRenderProblem, p -> ContentPart.ofRenderProblem(p).relativePath(p))
                        .containsExactlyInAnyOrder(tuple(ContentPart.VALUES, ".n"), tuple(ContentPart.VALUES, ".hints"),
                                tuple(ContentPart.DOCUMENTS, ".data.a")));
    }
}
