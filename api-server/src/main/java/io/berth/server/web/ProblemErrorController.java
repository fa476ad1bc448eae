package io.berth.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's: whatever reaches it (a {@code sendError} from Tomcat or a
 * filter, an exception no handler caught, a TRACE that Tomcat refused) is answered with a problem of
 * the error's status. Called directly, {@code /error} is a path like any other that holds nothing: 404.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : 404;
        ProblemType type = status == 501 ? ProblemType.METHOD_NOT_ALLOWED : ProblemType.forStatus(status);
        problems.write(type, detail(type, request), request, response);
    }

    private static String detail(ProblemType type, HttpServletRequest request) {
        return switch (type) {
            case NOT_FOUND -> "Nothing here: " + Problems.instance(path(request)) + " is no resource of the API (its paths"
                    + " start with /api/v1)";
            case METHOD_NOT_ALLOWED -> RefusedRequests.METHODS.contains(method(request))
                    ? "Method " + method(request) + " is not allowed on this path"
                    : RefusedRequests.methodDetail(method(request));
            case MALFORMED_REQUEST -> "The request could not be read";
            case INTERNAL_ERROR -> "Something went wrong inside Berth; quote the requestId when you report it";
            default -> type.title();
        };
    }

    /** The method asked for: an error dispatch itself is always a GET (Servlet 6.1), the original is kept aside. */
    private static String method(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        return original != null ? original.toString() : request.getMethod();
    }

    private static String path(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original != null ? original.toString() : request.getRequestURI();
    }
}
