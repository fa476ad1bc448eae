package io.berth.server.web;

/** One entry of a problem's {@code errors} list: which field, and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
