package io.berth.template.internal.parse;

/**
 * One occurrence of a placeholder in the template text.
 *
 * @param id    number of the occurrence, unique in the content; its marker is built from it
 * @param name  the dotted parameter name, e.g. {@code nested.name}
 * @param typed {@code true} when the placeholder was the whole, unquoted value ({@code replicas: {{ replicas }}}):
 *              the value keeps its type; otherwise the value is written as text
 * @param line  1-based line in the content
 */
public record Placeholder(int id, String name, boolean typed, int line) {

    /** The placeholder as the author wrote it, normalised: {@code {{ name }}}. */
    public String display() {
        return "{{ " + name + " }}";
    }
}
