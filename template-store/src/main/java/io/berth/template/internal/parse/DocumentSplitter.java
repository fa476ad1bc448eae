package io.berth.template.internal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits content into YAML documents at {@code ---} lines (as kubectl does), dropping {@code ...}
 * end markers. Text after {@code --- } on the separator line belongs to the next document.
 */
public final class DocumentSplitter {

    private static final Pattern SEPARATOR = Pattern.compile("---(?:[ \\t]+(.*))?");
    private static final Pattern END_MARKER = Pattern.compile("\\.\\.\\.[ \\t]*");

    private DocumentSplitter() {
    }

    /** The chunks of {@code content}, blank ones included; line endings normalised to {@code \n}. */
    public static List<DocumentChunk> split(String content) {
        List<DocumentChunk> chunks = new ArrayList<>();
        String[] lines = normalise(content).split("\n", -1);
        StringBuilder current = new StringBuilder();
        int firstLine = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher separator = SEPARATOR.matcher(lines[i]);
            if (separator.matches()) {
                chunks.add(new DocumentChunk(current.toString(), firstLine));
                current.setLength(0);
                firstLine = i + 1;
                String rest = separator.group(1);
                current.append(rest == null || rest.startsWith("#") ? "" : rest).append('\n');
            } else if (!END_MARKER.matcher(lines[i]).matches()) {
                current.append(lines[i]).append('\n');
            } else {
                current.append('\n');
            }
        }
        chunks.add(new DocumentChunk(current.toString(), firstLine));
        return chunks;
    }

    /** The number of documents that hold more than blank lines and comments. */
    public static int countDocuments(String content) {
        return (int) split(content).stream().filter(c -> !c.isBlank()).count();
    }

    public static String normalise(String content) {
        return content.replace("\r\n", "\n").replace('\r', '\n');
    }
}
