package io.berth.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem bodies with Berth's fixed types and titles, the request path and id. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail, HttpServletRequest request) {
        return of(type, detail, List.of(), request);
    }

    public static ProblemDetail of(ProblemType type, String detail, List<FieldProblem> errors, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        normalise(problem, type, request);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Gives a problem built elsewhere (by Spring) Berth's type, title, instance and request id. */
    public static void normalise(ProblemDetail problem, ProblemType type, HttpServletRequest request) {
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setStatus(type.status().value());
        if (request != null) {
            problem.setInstance(URI.create(request.getRequestURI()));
            Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            if (requestId != null) {
                problem.setProperty("requestId", requestId);
            }
        }
    }
}
