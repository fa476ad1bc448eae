package io.berth.template.internal.parse;

import io.berth.template.internal.json.ParserMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a YAML parser failure into one line for people: position, then what was wrong ({@link ParserMessages}). */
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
        return where + ": invalid YAML: " + markers.display(ParserMessages.describe(e));
    }
}
