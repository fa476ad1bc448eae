package io.berth.server.web;

import io.berth.server.domain.Violation;

/** One entry of a problem's {@code errors} list: which field, and what is wrong with it. */
public record FieldProblem(String field, String message) {

    /** A violation a feature found, as the problem lists it. */
    public static FieldProblem of(Violation violation) {
        return new FieldProblem(violation.field(), violation.message());
    }
}
