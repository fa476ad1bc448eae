package io.berth.template.internal.parse;

/** The text of one YAML document and the 1-based line of the content where it starts. */
public record DocumentChunk(String text, int firstLine) {

    /** Whether the chunk holds nothing but blank lines and comments. */
    public boolean isBlank() {
        return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    }
}
