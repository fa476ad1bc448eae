package io.berth.server.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report as a problem instead of an HTML page. It answers what Tomcat refuses before
 * any filter or servlet runs: a path it cannot decode ({@code %2F}, {@code %00}, bad escapes: 400), a
 * request line over the header size limit (414), headers over it (431), a request that is not HTTP
 * (400). It also answers any error that reached Tomcat without a body, as a last resort.
 *
 * <p>Installed as the host's error report valve by {@link TomcatProblems}; the same guards as
 * Tomcat's own valve decide whether there is anything to report.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);
    /** What Tomcat's HTTP/1.1 reader says when the request line and headers outgrow their buffer (in Tomcat's locale). */
    private static final String HEADER_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");
    private static final int DEFAULT_HEADER_LIMIT = 8 * 1024;

    private final Supplier<ProblemWriter> problems;

    ProblemReportValve(Supplier<ProblemWriter> problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Answer answer = answer(status, throwable, request);
        try {
            response.resetBuffer();
            problems.get().write(answer.type(), answer.detail(), request, response);
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write the problem for a request Tomcat refused with {}", status, e);
        }
    }

    private static Answer answer(int status, Throwable throwable, Request request) {
        if (status == 400 && throwable instanceof IllegalArgumentException && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            int limit = headerLimit(request);
            return requestLineRead(request)
                    ? new Answer(ProblemType.HEADERS_TOO_LARGE, RefusedRequests.headersTooLarge(limit))
                    : new Answer(ProblemType.URI_TOO_LONG, RefusedRequests.requestLineTooLong(limit));
        }
        if (status == 400) {
            boolean knownPathFault = requestLineRead(request) && RefusedRequests.pathReason(request.getRequestURI()) != null;
            return new Answer(ProblemType.MALFORMED_REQUEST, knownPathFault
                    ? RefusedRequests.pathDetail(request.getRequestURI()) : RefusedRequests.unreadable());
        }
        if (status == 405 || status == 501) {
            return new Answer(ProblemType.METHOD_NOT_ALLOWED, RefusedRequests.methodDetail(request.getMethod()));
        }
        ProblemType type = ProblemType.forStatus(status);
        return new Answer(type, type == ProblemType.INTERNAL_ERROR
                ? "Something went wrong inside Berth; quote the requestId when you report it" : type.title());
    }

    /** Whether Tomcat read the whole request line: when it did not, the request line was what was too long. */
    private static boolean requestLineRead(Request request) {
        String uri = request.getRequestURI();
        return uri != null && !uri.isEmpty();
    }

    private static int headerLimit(Request request) {
        return request.getConnector() != null && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() : DEFAULT_HEADER_LIMIT;
    }

    private record Answer(ProblemType type, String detail) {
    }
}
