package io.berth.template.internal.parse;

import java.util.ArrayList;
import java.util.List;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.Mappers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Parses the documents of a template into trees, with markers in place of placeholders. */
public final class TemplateParser {

    private TemplateParser() {
    }

    public static ParsedTemplate parse(String content) {
        String text = DocumentSplitter.normalise(content);
        Markers markers = Markers.avoiding(text);
        PlaceholderScanner scanner = new PlaceholderScanner(markers);
        List<ParsedDocument> documents = new ArrayList<>();
        List<TemplateProblem> problems = new ArrayList<>();
        int index = 0;
        for (DocumentChunk chunk : DocumentSplitter.split(text)) {
            if (chunk.isBlank()) {
                continue;
            }
            PlaceholderScanner.Scanned scanned = scanner.scan(chunk);
            int documentIndex = index++;
            scanned.malformed().forEach(m -> problems.add(TemplateProblem.inDocument(documentIndex, null, m)));
            List<YamlTags.Tagged> tags = YamlTags.find(scanned.text());
            if (!tags.isEmpty()) {
                tags.forEach(t -> problems.add(TemplateProblem.inDocument(documentIndex, markers.display(t.path()),
                        "the YAML tag " + t.shown() + " is not allowed: Berth reads YAML without tags (quote a value"
                                + " to make it text)")));
                continue;
            }
            JsonNode tree = read(scanned.text(), chunk, documentIndex, markers, problems);
            if (tree instanceof ObjectNode mapping) {
                documents.add(new ParsedDocument(documentIndex, chunk.firstLine(), mapping));
            } else if (tree != null && !tree.isMissingNode()) {
                problems.add(TemplateProblem.inDocument(documentIndex, "$",
                        "a document must be a mapping (a Kubernetes object), not " + describe(tree)));
            }
        }
        return new ParsedTemplate(documents, markers, problems);
    }

    private static JsonNode read(String text, DocumentChunk chunk, int documentIndex, Markers markers,
                                 List<TemplateProblem> problems) {
        try {
            return Mappers.yaml().readTree(text);
        } catch (JacksonException e) {
            problems.add(TemplateProblem.inDocument(documentIndex, null,
                    ParseMessages.describe(e, chunk, markers)));
            return null;
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a sequence";
            case NULL -> "null";
            default -> "a scalar";
        };
    }
}
