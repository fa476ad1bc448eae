package io.berth.kubesim.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Label selectors as a real API server applies them, including the set-based forms ({@code in},
 * {@code notin}, {@code key}, {@code !key}) that fabric8's mock server ignores.
 */
final class SelectorFilter {

    private final List<Requirement> requirements;

    private SelectorFilter(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    static SelectorFilter parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= selector.length(); i++) {
            char c = i < selector.length() ? selector.charAt(i) : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                String part = selector.substring(start, i).trim();
                if (!part.isEmpty()) {
                    requirements.add(Requirement.parse(part));
                }
                start = i + 1;
            }
        }
        return new SelectorFilter(requirements);
    }

    boolean matches(JsonNode labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    private record Requirement(String key, String op, Set<String> values) {

        static Requirement parse(String text) {
            if (text.startsWith("!")) {
                return new Requirement(text.substring(1).trim(), "!", Set.of());
            }
            var setBased = java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(text);
            if (setBased.matches()) {
                Set<String> values = new HashSet<>();
                for (String v : setBased.group(3).split(",", -1)) {
                    values.add(v.trim());
                }
                return new Requirement(setBased.group(1), setBased.group(2), values);
            }
            for (String op : List.of("!=", "==", "=")) {
                int at = text.indexOf(op);
                if (at > 0) {
                    return new Requirement(text.substring(0, at).trim(), op.equals("!=") ? "!=" : "=",
                            Set.of(text.substring(at + op.length()).trim()));
                }
            }
            return new Requirement(text, "exists", Set.of());
        }

        boolean matches(JsonNode labels) {
            JsonNode value = labels.get(key);
            String actual = value == null || value.isNull() ? null : value.asString();
            return switch (op) {
                case "=", "in" -> actual != null && values.contains(actual);
                case "!=", "notin" -> actual == null || !values.contains(actual);
                case "exists" -> actual != null;
                default -> actual == null;
            };
        }
    }
}
