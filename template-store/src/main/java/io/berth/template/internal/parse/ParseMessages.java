package io.berth.template.internal.parse;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a YAML parser failure into one line for people: position, then what the parser said. */
final class ParseMessages {

    private ParseMessages() {
    }

    static String describe(JacksonException e, int firstLine, Markers markers) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? "line " + firstLine
                : "line " + (firstLine + location.getLineNr() - 1) + ", column " + location.getColumnNr();
        return where + ": invalid YAML: " + markers.display(essence(e.getOriginalMessage()));
    }

    /** The parser's own words without the excerpts and caret lines SnakeYAML adds. */
    private static String essence(String message) {
        if (message == null) {
            return "unreadable document";
        }
        return Arrays.stream(message.split("\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in reader") && !l.equals("^") && !l.startsWith("at [Source"))
                .filter(l -> !l.matches("\\^+"))
                .distinct()
                .collect(Collectors.joining("; "));
    }
}
