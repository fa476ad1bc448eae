package io.berth.template.internal.parse;

import java.util.List;

import io.berth.template.TemplateProblem;

/**
 * A parsed template: the documents that parsed into mappings, the markers that stand for its
 * placeholders, and the problems found on the way (YAML syntax, ill-formed placeholders, documents
 * that are not mappings).
 */
public record ParsedTemplate(List<ParsedDocument> documents, Markers markers, List<TemplateProblem> problems) {

    public ParsedTemplate {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }
}
