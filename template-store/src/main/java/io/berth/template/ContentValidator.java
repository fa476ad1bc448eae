package io.berth.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.berth.template.internal.params.ParameterSchema;
import io.berth.template.internal.params.ParameterValues;
import io.berth.template.internal.parse.ParsedDocument;
import io.berth.template.internal.parse.ParsedTemplate;
import io.berth.template.internal.parse.TemplateParser;
import io.berth.template.internal.render.DeclaredNames;
import io.berth.template.internal.render.HintRules;
import io.berth.template.internal.render.ManifestIdentity;
import io.berth.template.internal.render.ManifestRules;
import io.berth.template.internal.render.Substitution;

/**
 * Checks the content of a {@code Simple} version before it is published, without values, and
 * returns every problem at once (an empty list means it may be published):
 * <ul>
 *   <li>the YAML parses, each document is a mapping with apiVersion, kind and metadata.name;</li>
 *   <li>names are DNS-1123 subdomains (unless entirely a placeholder), namespaces DNS-1123 labels;</li>
 *   <li>no two documents share group, kind, namespace and name;</li>
 *   <li>placeholders stand only in values, and each is declared in the schema or is a built-in;</li>
 *   <li>the schema is a valid JSON Schema (draft 2020-12 unless {@code $schema} says otherwise)
 *       describing an object, and the defaults pass it;</li>
 *   <li>hints are well-formed and name kinds present in the documents;</li>
 *   <li>the templates of a backup declaration are one document each, whose placeholders are declared,
 *       built-in or {@code berth.backup.*}.</li>
 * </ul>
 */
public final class ContentValidator {

    private final ContentLimits limits;

    public ContentValidator() {
        this(ContentLimits.DEFAULT);
    }

    public ContentValidator(ContentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @throws ContentTooLargeException before any other check when the content passes a limit */
    public List<TemplateProblem> validate(SimpleContent content) {
        limits.check(content);
        List<TemplateProblem> problems = new ArrayList<>();
        ParsedTemplate template = TemplateParser.parse(content.documents());
        problems.addAll(template.problems());
        ParameterSchema schema = ParameterSchema.parse(content.parametersSchemaJson());
        problems.addAll(schema.problems());
        problems.addAll(schema.metaSchemaProblems());
        problems.addAll(ParameterValues.checkDefaults(schema, content.defaults()));
        List<ManifestIdentity> identities = checkDocuments(template, schema, problems);
        ManifestRules.checkDuplicates(identities, problems);
        HintRules.check(content.hints(), identities, problems);
        checkBackupTemplates(content.hints(), schema, problems);
        if (template.documents().isEmpty() && template.problems().isEmpty()) {
            problems.add(TemplateProblem.at(null, "the content has no documents"));
        }
        return List.copyOf(problems);
    }

    private static void checkBackupTemplates(List<WorkloadHint> hints, ParameterSchema schema, List<TemplateProblem> problems) {
        for (int i = 0; i < hints.size(); i++) {
            BackupHint backup = hints.get(i).backup();
            if (backup == null) {
                continue;
            }
            String path = "$.hints[" + i + "].backup.";
            checkBackupTemplate(backup.oneShot(), schema, path + "oneShot.template", problems);
            checkBackupTemplate(backup.scheduled(), schema, path + "scheduled.template", problems);
            checkBackupTemplate(backup.restore(), schema, path + "restore.template", problems);
        }
    }

    private static void checkBackupTemplate(BackupHint.BackupResource resource, ParameterSchema schema, String path,
                                            List<TemplateProblem> problems) {
        if (resource == null || resource.template() == null || resource.template().isBlank()) {
            return; // HintRules said so
        }
        ParsedTemplate template = TemplateParser.parse(resource.template());
        List<TemplateProblem> found = new ArrayList<>(template.problems());
        if (template.documents().size() != 1 && template.problems().isEmpty()) {
            found.add(TemplateProblem.at(null, "must be exactly one document, not " + template.documents().size()));
        }
        Substitution declaredOnly = new Substitution(template.markers(), new DeclaredNames(schema, true));
        ManifestRules rules = ManifestRules.forTemplate(template.markers());
        for (ParsedDocument document : template.documents()) {
            declaredOnly.apply(document, found);
            rules.check(document.index(), document.tree(), found);
        }
        for (TemplateProblem problem : found) {
            problems.add(TemplateProblem.at(path, problem.path() == null ? problem.message()
                    : problem.path() + ": " + problem.message()));
        }
    }

    private static List<ManifestIdentity> checkDocuments(ParsedTemplate template, ParameterSchema schema,
                                                         List<TemplateProblem> problems) {
        Substitution declaredOnly = new Substitution(template.markers(), new DeclaredNames(schema));
        ManifestRules rules = ManifestRules.forTemplate(template.markers());
        List<ManifestIdentity> identities = new ArrayList<>();
        for (ParsedDocument document : template.documents()) {
            declaredOnly.apply(document, problems);
            rules.check(document.index(), document.tree(), problems).ifPresent(identities::add);
        }
        return identities;
    }
}
