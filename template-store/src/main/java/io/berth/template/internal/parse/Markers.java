package io.berth.template.internal.parse;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker tokens that stand for placeholders while the template is parsed, and the placeholders
 * they stand for. The marker prefix is chosen so that it does not occur in the template text, so a
 * marker found in a parsed scalar always comes from a placeholder.
 */
public final class Markers {

    private final String prefix;
    private final Pattern pattern;
    private final Map<Integer, Placeholder> placeholders = new HashMap<>();

    private Markers(String prefix) {
        this.prefix = prefix;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "(\\d+)__");
    }

    /** Markers whose prefix does not occur in {@code text}. */
    public static Markers avoiding(String text) {
        String prefix = "__berth_ph_";
        for (int n = 1; text.contains(prefix); n++) {
            prefix = "__berth_ph" + n + "_";
        }
        return new Markers(prefix);
    }

    String register(Placeholder placeholder) {
        placeholders.put(placeholder.id(), placeholder);
        return prefix + placeholder.id() + "__";
    }

    int nextId() {
        return placeholders.size();
    }

    public Matcher matcher(CharSequence text) {
        return pattern.matcher(text);
    }

    public boolean containsMarker(String text) {
        return text.contains(prefix) && pattern.matcher(text).find();
    }

    /** The placeholder of a marker found by {@link #matcher}. */
    public Placeholder placeholderOf(Matcher match) {
        return placeholders.get(Integer.parseInt(match.group(1)));
    }

    public Map<Integer, Placeholder> placeholders() {
        return Collections.unmodifiableMap(placeholders);
    }

    /** {@code text} with every marker turned back into the placeholder it stands for. */
    public String display(String text) {
        return replaceAll(text, p -> p.display());
    }

    /**
     * {@code text} with every marker replaced by {@code x}, to check the rest of a value against a
     * naming rule while its placeholders are still unknown.
     */
    public String sample(String text) {
        return replaceAll(text, p -> "x");
    }

    /** Whether {@code text} is exactly one marker. */
    public boolean isWholeMarker(String text) {
        Matcher m = pattern.matcher(text);
        return m.matches();
    }

    private String replaceAll(String text, java.util.function.Function<Placeholder, String> replacement) {
        if (!text.contains(prefix)) {
            return text;
        }
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(placeholderOf(m))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
