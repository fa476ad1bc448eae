package io.berth.template.internal.parse;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a YAML parser failure into one line for people: position, then what the parser said. */
final class ParseMessages {

    private ParseMessages() {
    }

    /**
     * The column is left out on lines with placeholders: the parser counted it in the text with
     * markers, which are longer than the placeholders the author sees.
     */
    static String describe(JacksonException e, DocumentChunk chunk, Markers markers) {
        TokenStreamLocation location = e.getLocation();
        String where;
        if (location == null || location.getLineNr() < 1) {
            where = "line " + chunk.firstLine();
        } else {
            String[] lines = chunk.text().split("\n", -1);
            int index = location.getLineNr() - 1;
            boolean hasPlaceholder = index < lines.length && lines[index].contains("{{");
            where = "line " + (chunk.firstLine() + index)
                    + (hasPlaceholder ? "" : ", column " + location.getColumnNr());
        }
        return where + ": invalid YAML: " + markers.display(essence(e.getOriginalMessage()));
    }

    /** The parser's own words without the excerpts and caret lines SnakeYAML adds. */
    private static String essence(String message) {
        if (message == null) {
            return "unreadable document";
        }
        return Arrays.stream(message.split("\n"))
                .filter(l -> !l.startsWith("    "))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in reader") && !l.equals("^") && !l.startsWith("at [Source"))
                .filter(l -> !l.matches("\\^+"))
                .distinct()
                .collect(Collectors.joining("; "));
    }
}
