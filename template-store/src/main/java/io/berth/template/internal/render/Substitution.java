package io.berth.template.internal.render;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import io.berth.template.TemplateProblem;
import io.berth.template.internal.json.JsonPaths;
import io.berth.template.internal.params.Lookup;
import io.berth.template.internal.params.ValueSource;
import io.berth.template.internal.parse.Markers;
import io.berth.template.internal.parse.ParsedDocument;
import io.berth.template.internal.parse.Placeholder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts values into a parsed document in place of its markers, returning a new tree. A scalar that
 * is exactly one typed marker becomes the value itself (number, boolean, string; an object or array
 * only when the schema declares one); any other scalar with markers becomes a string in which each
 * value is written as text. Values are never scanned again, so a value that looks like a
 * placeholder or like YAML stays the text it is. Markers in keys are refused.
 */
public final class Substitution {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Markers markers;
    private final ValueSource values;

    public Substitution(Markers markers, ValueSource values) {
        this.markers = markers;
        this.values = values;
    }

    public ObjectNode apply(ParsedDocument document, List<TemplateProblem> problems) {
        return (ObjectNode) walk(document.tree(), JsonPaths.ROOT, new Context(document.index(), problems));
    }

    private JsonNode walk(JsonNode node, String path, Context context) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String child = JsonPaths.child(path, markers.display(key));
                if (markers.containsMarker(key)) {
                    context.problem(child, "placeholders are allowed only in values, not in keys");
                }
                out.set(key, walk(entry.getValue(), child, context));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            int i = 0;
            for (JsonNode item : node.values()) {
                out.add(walk(item, JsonPaths.index(path, i++), context));
            }
            return out;
        }
        return node.isString() ? scalar(node, path, context) : node;
    }

    private JsonNode scalar(JsonNode node, String path, Context context) {
        String text = node.stringValue();
        Matcher m = markers.matcher(text);
        if (!m.find()) {
            return node;
        }
        if (m.start() == 0 && m.end() == text.length()) {
            return whole(markers.placeholderOf(m), node, path, context);
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        do {
            out.append(text, last, m.start());
            String value = asText(markers.placeholderOf(m), path, context);
            out.append(value == null ? m.group() : value);
            last = m.end();
        } while (m.find());
        return NODES.stringNode(out.append(text.substring(last)).toString());
    }

    private JsonNode whole(Placeholder placeholder, JsonNode node, String path, Context context) {
        if (!placeholder.typed()) {
            String value = asText(placeholder, path, context);
            return value == null ? node : NODES.stringNode(value);
        }
        Lookup lookup = resolve(placeholder, path, context);
        if (lookup == null) {
            return node;
        }
        JsonNode value = lookup.value();
        if (value.isContainer() && !lookup.structuredAllowed()) {
            context.problem(path, "parameter " + placeholder.name() + " is " + article(value)
                    + " but its schema does not declare type object or array, so it cannot be inserted here");
            return node;
        }
        return value.deepCopy();
    }

    /** The value of a placeholder as text, or {@code null} after reporting why there is none. */
    private String asText(Placeholder placeholder, String path, Context context) {
        Lookup lookup = resolve(placeholder, path, context);
        if (lookup == null) {
            return null;
        }
        JsonNode value = lookup.value();
        if (value.isContainer()) {
            context.problem(path, "parameter " + placeholder.name() + " is " + article(value)
                    + " and cannot be written into a text value");
            return null;
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.isString() ? value.stringValue() : value.asString();
    }

    private Lookup resolve(Placeholder placeholder, String path, Context context) {
        Lookup lookup = values.lookup(placeholder.name());
        switch (lookup.outcome()) {
            case UNKNOWN -> context.problem(path, "unknown placeholder " + placeholder.display()
                    + ": it is not declared in the parameters schema and is not a built-in");
            case MISSING -> context.problem(path, "placeholder " + placeholder.display() + " has no value");
            default -> {
                return lookup;
            }
        }
        return null;
    }

    private static String article(JsonNode value) {
        return value.isObject() ? "an object" : "an array";
    }

    private record Context(int documentIndex, List<TemplateProblem> problems) {

        void problem(String path, String message) {
            problems.add(TemplateProblem.inDocument(documentIndex, path, message));
        }
    }
}
