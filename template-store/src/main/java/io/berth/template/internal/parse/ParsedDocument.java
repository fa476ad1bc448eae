package io.berth.template.internal.parse;

import tools.jackson.databind.node.ObjectNode;

/**
 * One document of a template, parsed, with markers where the placeholders were.
 *
 * @param index     0-based index among the non-empty documents
 * @param firstLine 1-based line of the content where the document starts
 * @param tree      the document's mapping, in the order of the template
 */
public record ParsedDocument(int index, int firstLine, ObjectNode tree) {
}
