package io.berth.template;

import java.util.Arrays;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * Unified diffs ({@code diff -u} format, as produced by java-diff-utils) of two texts, such as the
 * contents of two versions or two rendered outputs. Line endings are compared as {@code \n}; a
 * difference only in the final newline is not shown.
 */
public final class TextDiff {

    public static final int DEFAULT_CONTEXT = 3;

    private TextDiff() {
    }

    /** The unified diff from {@code a} to {@code b} with 3 lines of context; empty when they are the same. */
    public static String unified(String fromName, String a, String toName, String b) {
        return unified(fromName, a, toName, b, DEFAULT_CONTEXT);
    }

    public static String unified(String fromName, String a, String toName, String b, int contextLines) {
        List<String> from = lines(a);
        List<String> to = lines(b);
        Patch<String> patch = DiffUtils.diff(from, to);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, from, patch, contextLines);
        return String.join("\n", diff) + "\n";
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String normalised = text.replace("\r\n", "\n");
        if (normalised.endsWith("\n")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return Arrays.asList(normalised.split("\n", -1));
    }
}
