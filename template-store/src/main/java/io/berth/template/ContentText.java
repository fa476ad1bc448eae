package io.berth.template;

import java.util.Comparator;

import io.berth.template.internal.json.CanonicalJson;
import io.berth.template.internal.json.Mappers;
import io.berth.template.internal.parse.DocumentSplitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A version's content as one stable text, for {@link TextDiff}: the documents as published (line
 * endings as {@code \n}), then the parameters schema, the defaults and the hints as indented JSON
 * with object keys sorted and hints ordered by apiVersion and kind, each part under a
 * {@code # part} heading. Content with the same {@link ContentDigest} has the same text.
 */
public final class ContentText {

    private static final ObjectWriter PRETTY = Mappers.json().writerWithDefaultPrettyPrinter();

    private ContentText() {
    }

    public static String of(SimpleContent content) {
        StringBuilder text = new StringBuilder();
        section(text, "documents", DocumentSplitter.normalise(content.documents()));
        section(text, "parametersSchema", pretty(schema(content.parametersSchemaJson())));
        section(text, "defaults", pretty(CanonicalJson.sortedTree(content.defaults())));
        ArrayNode hints = JsonNodeFactory.instance.arrayNode();
        content.hints().stream()
                .sorted(Comparator.comparing((WorkloadHint h) -> String.valueOf(h.apiVersion()))
                        .thenComparing(h -> String.valueOf(h.kind())))
                .forEach(h -> hints.add(CanonicalJson.sortedTree(h)));
        section(text, "hints", pretty(hints));
        return text.toString();
    }

    private static void section(StringBuilder text, String heading, String body) {
        text.append("# ").append(heading).append('\n').append(body);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            text.append('\n');
        }
    }

    private static JsonNode schema(String json) {
        try {
            return CanonicalJson.sorted(Mappers.json().readTree(json));
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(json);
        }
    }

    private static String pretty(JsonNode node) {
        return PRETTY.writeValueAsString(node);
    }
}
