package io.berth.server.domain;

import io.berth.template.ContentPart;
import io.berth.template.TemplateProblem;
import java.util.List;

/**
 * Names the field of a template problem the way requests and contents spell it: at publish time
 * relative to the request body ({@code content.documents[2].spec.replicas}, {@code content.parametersSchema.type},
 * {@code content.defaults.replicas}, {@code content.hints[0].scale}); when rendering relative to the
 * version and the render request ({@code documents[2].spec.replicas}, {@code values.replicas}).
 * The JSON path's {@code $} is left out, as in every other field of the API. One place names them
 * for every caller: the web layer (publish, preview render) and application planning (a target's
 * values that break the version) spell them alike.
 */
public final class TemplateProblemFields {

    private TemplateProblemFields() {
    }

    public static List<Violation> ofPublish(List<TemplateProblem> problems) {
        return problems.stream().map(p -> field("content.", ContentPart.ofPublishProblem(p), p)).toList();
    }

    public static List<Violation> ofRender(List<TemplateProblem> problems) {
        return problems.stream().map(p -> field("", ContentPart.ofRenderProblem(p), p)).toList();
    }

    /**
     * Problems with a Helm chart at publish time: {@code content.chart}, followed by {@code /} and the
     * problem's path when it has one (an archive entry such as {@code web/../evil.sh}, or a chart file
     * such as {@code Chart.yaml} or {@code web/templates/service.yaml}).
     */
    public static List<Violation> ofHelmPublish(List<TemplateProblem> problems) {
        return problems.stream().map(p -> new Violation(
                p.path() == null ? "content.chart" : "content.chart/" + p.path(), p.message())).toList();
    }

    /**
     * Problems rendering a Helm version: {@code values} (and below) for values that break the chart's
     * values.schema.json, otherwise {@code chart}, followed by {@code /} and the chart file when known.
     */
    public static List<Violation> ofHelmRender(List<TemplateProblem> problems) {
        return problems.stream().map(p -> new Violation(
                p.path() == null ? "chart"
                        : p.path().equals("values") || p.path().startsWith("values.") ? p.path()
                        : "chart/" + p.path(), p.message())).toList();
    }

    private static Violation field(String prefix, ContentPart part, TemplateProblem problem) {
        String root = switch (part) {
            case DOCUMENTS -> problem.documentIndex() == null ? "documents" : "documents[" + problem.documentIndex() + "]";
            case PARAMETERS_SCHEMA -> "parametersSchema";
            case DEFAULTS -> "defaults";
            case HINTS -> "hints";
            case VALUES -> "values";
        };
        return new Violation(prefix + root + part.relativePath(problem), problem.message());
    }
}
