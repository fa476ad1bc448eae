package io.berth.server.web;

import io.berth.template.ContentPart;
import io.berth.template.TemplateProblem;
import java.util.List;

/**
 * Names the field of a template problem the way requests and contents spell it: at publish time
 * relative to the request body ({@code content.documents[2].spec.replicas}, {@code content.parametersSchema.type},
 * {@code content.defaults.replicas}, {@code content.hints[0].scale}); when rendering relative to the
 * version and the render request ({@code documents[2].spec.replicas}, {@code values.replicas}).
 * The JSON path's {@code $} is left out, as in every other field of the API.
 */
public final class TemplateProblemFields {

    private TemplateProblemFields() {
    }

    public static List<FieldProblem> ofPublish(List<TemplateProblem> problems) {
        return problems.stream().map(p -> field("content.", ContentPart.ofPublishProblem(p), p)).toList();
    }

    public static List<FieldProblem> ofRender(List<TemplateProblem> problems) {
        return problems.stream().map(p -> field("", ContentPart.ofRenderProblem(p), p)).toList();
    }

    private static FieldProblem field(String prefix, ContentPart part, TemplateProblem problem) {
        String root = switch (part) {
            case DOCUMENTS -> problem.documentIndex() == null ? "documents" : "documents[" + problem.documentIndex() + "]";
            case PARAMETERS_SCHEMA -> "parametersSchema";
            case DEFAULTS -> "defaults";
            case HINTS -> "hints";
            case VALUES -> "values";
        };
        return new FieldProblem(prefix + root + part.relativePath(problem), problem.message());
    }
}
