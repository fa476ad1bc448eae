/**
 * From template text to trees: splitting the text into YAML documents, replacing each
 * {@code {{ name }}} placeholder with a unique marker (quoted when it is a whole plain value, so it
 * parses as one scalar), and parsing every document with Jackson's YAML parser. Values are never
 * put into YAML text: they are put into the parsed trees later, so they cannot change the structure.
 */
package io.berth.template.internal.parse;
