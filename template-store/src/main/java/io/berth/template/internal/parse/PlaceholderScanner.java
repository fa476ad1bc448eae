package io.berth.template.internal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the placeholders of one document with markers, line by line.
 *
 * <p>A placeholder that is the whole plain value of a mapping entry or sequence item
 * ({@code key: {{ p }}}, {@code - {{ p }}}, optionally followed by a comment) becomes a quoted
 * marker and is <em>typed</em>: the value replaces the scalar with its own type. Every other
 * placeholder (inside quotes, next to other text, in flow collections, in block scalars) becomes a
 * bare marker inside the surrounding scalar and its value is written as text. Comment lines are left
 * alone. Text that opens {@code {{} without forming a placeholder is reported.
 */
public final class PlaceholderScanner {

    static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{[ \\t]*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_/-]+)*)[ \\t]*}}");

    private static final Pattern WHOLE_VALUE_PREFIX =
            Pattern.compile("[ \\t]*(?:-[ \\t]+)+|[ \\t]*(?:-[ \\t]+)*[^\\s#].*:[ \\t]+");
    private static final Pattern WHOLE_VALUE_SUFFIX = Pattern.compile("[ \\t]*(?:#.*)?");
    private static final Pattern BLOCK_SCALAR_START =
            Pattern.compile("([ \\t]*(?:-[ \\t]+)*)([^\\s#][^#]*?:[ \\t]+)?[|>][1-9+-]{0,2}[ \\t]*(?:#.*)?");

    private final Markers markers;

    public PlaceholderScanner(Markers markers) {
        this.markers = markers;
    }

    /** The chunk's text with markers in place of placeholders, and the ill-formed placeholders found. */
    public Scanned scan(DocumentChunk chunk) {
        String[] lines = chunk.text().split("\n", -1);
        StringBuilder out = new StringBuilder();
        List<String> malformed = new ArrayList<>();
        int blockIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = chunk.firstLine() + i;
            boolean inBlock = blockIndent >= 0 && (line.isBlank() || indentOf(line) > blockIndent);
            if (!inBlock) {
                blockIndent = blockScalarIndent(line);
            }
            out.append(replace(line, lineNumber, inBlock, malformed));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return new Scanned(out.toString(), malformed);
    }

    private String replace(String line, int lineNumber, boolean inBlock, List<String> malformed) {
        if (!inBlock && line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            checkWellFormed(line.substring(last, m.start()), lineNumber, malformed);
            boolean typed = !inBlock
                    && WHOLE_VALUE_PREFIX.matcher(line.substring(0, m.start())).matches()
                    && WHOLE_VALUE_SUFFIX.matcher(line.substring(m.end())).matches();
            String marker = markers.register(new Placeholder(markers.nextId(), m.group(1), typed, lineNumber));
            out.append(line, last, m.start()).append(typed ? '"' + marker + '"' : marker);
            last = m.end();
        }
        checkWellFormed(line.substring(last), lineNumber, malformed);
        return out.append(line.substring(last)).toString();
    }

    private static void checkWellFormed(String text, int lineNumber, List<String> malformed) {
        if (text.contains("{{")) {
            malformed.add("line " + lineNumber + ": '{{' does not start a placeholder; placeholders look like"
                    + " {{ name }} or {{ nested.name }}");
        }
    }

    /** The indentation that block scalar content must exceed when {@code line} starts one, else -1. */
    private static int blockScalarIndent(String line) {
        Matcher m = BLOCK_SCALAR_START.matcher(line);
        if (!m.matches()) {
            return -1;
        }
        String lead = m.group(1);
        return m.group(2) != null || lead.indexOf('-') < 0 ? lead.length() : lead.lastIndexOf('-');
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** A scanned document: its text with markers, and one message per ill-formed placeholder. */
    public record Scanned(String text, List<String> malformed) {
    }
}
