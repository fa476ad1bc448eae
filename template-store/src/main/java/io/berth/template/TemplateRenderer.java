package io.berth.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.berth.template.internal.params.ParameterSchema;
import io.berth.template.internal.params.ParameterValues;
import io.berth.template.internal.parse.ParsedDocument;
import io.berth.template.internal.parse.ParsedTemplate;
import io.berth.template.internal.parse.TemplateParser;
import io.berth.template.internal.render.ManifestRules;
import io.berth.template.internal.render.Substitution;
import io.berth.template.internal.render.YamlOutput;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link SimpleContent} with values, strictly and deterministically.
 *
 * <p>Values are merged (schema defaults, then the version's defaults, then {@code values}) and
 * validated against the schema; the built-ins are added under {@code berth}. Each placeholder is
 * replaced in the parsed tree, never in the YAML text, so no value can add keys or documents.
 * Every problem is collected before failing: values that break the schema, placeholders without a
 * value or not declared, YAML that does not parse, rendered objects without apiVersion, kind or a
 * valid name, duplicates. The output lists the documents in apply order and is byte-for-byte the
 * same for the same content and values, whatever the order of keys in the values.
 */
public final class TemplateRenderer {

    /**
     * @param values   the supplied parameter values (may be {@code null}); an explicit {@code null}
     *                 removes a default
     * @throws RenderException listing every problem when the template cannot be rendered
     */
    public RenderedManifests render(SimpleContent content, Map<String, Object> values, BuiltIns builtIns) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(builtIns, "builtIns");
        List<TemplateProblem> problems = new ArrayList<>();
        ParsedTemplate template = TemplateParser.parse(content.documents());
        problems.addAll(template.problems());
        ParameterSchema schema = ParameterSchema.parse(content.parametersSchemaJson());
        problems.addAll(schema.problems());
        ParameterValues resolved = ParameterValues.resolve(schema, content.defaults(), values, builtIns, problems);
        List<YamlOutput.Document> rendered = substitute(template, new Substitution(template.markers(), resolved), problems);
        ManifestRules.checkDuplicates(rendered.stream().map(YamlOutput.Document::identity).toList(), problems);
        if (problems.isEmpty() && rendered.isEmpty()) {
            problems.add(TemplateProblem.at(null, "the template has no documents"));
        }
        if (!problems.isEmpty()) {
            throw new RenderException(problems);
        }
        return YamlOutput.write(rendered);
    }

    private static List<YamlOutput.Document> substitute(ParsedTemplate template, Substitution substitution,
                                                        List<TemplateProblem> problems) {
        ManifestRules rules = ManifestRules.forRendered();
        List<YamlOutput.Document> rendered = new ArrayList<>();
        for (ParsedDocument document : template.documents()) {
            int before = problems.size();
            ObjectNode tree = substitution.apply(document, problems);
            if (problems.size() == before) {
                rules.check(document.index(), tree, problems)
                        .ifPresent(id -> rendered.add(new YamlOutput.Document(id, tree)));
            }
        }
        return rendered;
    }
}
