package io.berth.server.security;

import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import io.berth.server.web.RefusedRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers what Spring Security's firewall refuses (path parameters such as {@code ;jsessionid=},
 * {@code //}, encoded dots, slashes and percent signs, control characters in headers, unknown
 * methods) with a problem: 405 for a method the API never answers, 400 otherwise. The firewall's own
 * message is not passed on; Berth says what was wrong in the request.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private final ProblemWriter problems;

    FirewallRejections(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!RefusedRequests.METHODS.contains(request.getMethod())) {
            problems.write(ProblemType.METHOD_NOT_ALLOWED, RefusedRequests.methodDetail(request.getMethod()), request, response);
        } else {
            problems.write(ProblemType.MALFORMED_REQUEST, RefusedRequests.firewallDetail(request.getRequestURI()),
                    request, response);
        }
    }
}
