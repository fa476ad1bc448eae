package io.berth.kubesim.server;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A field selector ({@code metadata.name=web-0,status.phase!=Running}): terms joined by commas, each
 * a dotted path into the object, {@code =}, {@code ==} or {@code !=}, and a value; a missing field
 * reads as the empty string. Unlike a real server, which allows a few fields per kind, any field may
 * be used.
 */
record FieldSelector(List<Term> terms) {

    static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    record Term(String path, boolean equal, String value) {

        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            String actual = node.isValueNode() ? node.asString() : "";
            return actual.equals(value) == equal;
        }
    }

    static FieldSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : selector.split(",")) {
            String text = part.trim();
            int not = text.indexOf("!=");
            int eq = text.indexOf('=');
            if (not > 0) {
                terms.add(new Term(text.substring(0, not).trim(), false, text.substring(not + 2).trim()));
            } else if (eq > 0) {
                int skip = text.startsWith("==", eq) ? 2 : 1;
                terms.add(new Term(text.substring(0, eq).trim(), true, text.substring(eq + skip).trim()));
            } else if (!text.isEmpty()) {
                throw new IllegalArgumentException("invalid field selector term \"" + text + "\": expected field=value or field!=value");
            }
        }
        return new FieldSelector(List.copyOf(terms));
    }

    boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }
}
