package io.berth.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.berth.template.internal.helm.ChartArchive;

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

    /**
     * The text of a {@code Helm} version: every file of the chart (sorted by path inside the chart
     * directory) under a {@code # <path>} heading, as UTF-8 text. An archive that cannot be read
     * gives one line saying so.
     */
    public static String of(HelmContent content, ContentLimits limits) {
        List<TemplateProblem> problems = new ArrayList<>();
        Optional<ChartArchive> chart = ChartArchive.read(content.chartArchive(), limits, problems);
        if (chart.isEmpty()) {
            return "# chart\n(the archive cannot be read)\n";
        }
        StringBuilder text = new StringBuilder();
        chart.get().files().forEach((path, bytes) -> section(text, path, new String(bytes, StandardCharsets.UTF_8)));
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
