package io.berth.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector in its string form: equality ({@code env=prod}, {@code env==prod},
 * {@code env!=prod}) and set-based ({@code env in (prod,staging)}, {@code env notin (dev)},
 * {@code gpu}, {@code !gpu}) requirements, joined by commas; all must hold.
 */
public final class LabelSelector {

    /** Selects every object. */
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of(), "");

    private final List<Requirement> requirements;
    private final String text;

    private LabelSelector(List<Requirement> requirements, String text) {
        this.requirements = List.copyOf(requirements);
        this.text = text;
    }

    /**
     * Parses a selector. A null or blank text selects everything.
     *
     * @throws IllegalArgumentException naming the requirement that does not parse
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            requirements.add(Requirement.parse(part.trim()));
        }
        return new LabelSelector(requirements, text.trim());
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    public boolean selectsEverything() {
        return requirements.isEmpty();
    }

    /** The requirements, all of which must hold (empty: selects everything); for stores that filter in their query. */
    public List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** How a requirement tests its key: {@code env=prod} is EQUALS, {@code gpu} EXISTS, {@code !gpu} DOES_NOT_EXIST. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    /**
     * One requirement of a selector.
     *
     * @param values the values EQUALS, NOT_EQUALS, IN and NOT_IN compare with (one for the first two); empty for the others
     */
    public record Requirement(String key, Operator operator, Set<String> values) {

        static Requirement parse(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty requirement in label selector");
            }
            if (text.startsWith("!")) {
                return new Requirement(key(text.substring(1).trim(), text), Operator.DOES_NOT_EXIST, Set.of());
            }
            String[] setBased = text.split("\\s+(?=(in|notin)\\s*\\()", 2);
            if (setBased.length == 2) {
                String rest = setBased[1].trim();
                Operator op = rest.startsWith("notin") ? Operator.NOT_IN : Operator.IN;
                return new Requirement(key(setBased[0].trim(), text), op, valueSet(rest.substring(op == Operator.IN ? 2 : 5).trim(), text));
            }
            if (text.matches("\\S+\\s+(in|notin)\\s+[^(].*")) {
                throw new IllegalArgumentException("label selector requirement '" + text
                        + "': values of in/notin must be in parentheses, like env in (prod,staging)");
            }
            for (String symbol : List.of("!=", "==", "=")) {
                int at = text.indexOf(symbol);
                if (at == 0) {
                    throw new IllegalArgumentException("label selector requirement '" + text + "': the label key is missing");
                }
                if (at > 0) {
                    Operator op = symbol.equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
                    return new Requirement(key(text.substring(0, at).trim(), text), op, Set.of(value(text.substring(at + symbol.length()).trim(), text)));
                }
            }
            return new Requirement(key(text, text), Operator.EXISTS, Set.of());
        }

        private static String key(String key, String requirement) {
            String problem = Labels.keyProblem(key);
            if (problem != null) {
                throw new IllegalArgumentException("label selector requirement '" + requirement + "': " + problem);
            }
            return key;
        }

        private static String value(String value, String requirement) {
            String problem = Labels.valueProblem(value);
            if (problem != null) {
                throw new IllegalArgumentException("label selector requirement '" + requirement + "': " + problem);
            }
            return value;
        }

        private static Set<String> valueSet(String parenthesised, String requirement) {
            if (!parenthesised.startsWith("(") || !parenthesised.endsWith(")")) {
                throw new IllegalArgumentException("label selector requirement '" + requirement + "': values must be in parentheses, like (a,b)");
            }
            List<String> values = new ArrayList<>();
            // -1 keeps a trailing empty value: "env in (a,)" also selects env="" as in Kubernetes.
            for (String v : parenthesised.substring(1, parenthesised.length() - 1).split(",", -1)) {
                values.add(value(v.trim(), requirement));
            }
            return Set.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> actual != null && values.contains(actual);
                case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
                case EXISTS -> actual != null;
                case DOES_NOT_EXIST -> actual == null;
            };
        }
    }
}
