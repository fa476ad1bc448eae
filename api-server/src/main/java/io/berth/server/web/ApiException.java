package io.berth.server.web;

import java.util.List;

/** An error the web layer raises itself, already knowing its problem type. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldProblem> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
