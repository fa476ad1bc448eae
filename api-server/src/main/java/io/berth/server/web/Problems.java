package io.berth.server.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem bodies with Berth's fixed types and titles, the request path and id. */
public final class Problems {

    private static final int MAX_INSTANCE = 2048;
    /** What a path may hold besides letters and digits (RFC 3986: unreserved, sub-delims, ':', '@' and '/'). */
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
            problem.setInstance(instance(path(request)));
            Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            if (requestId != null) {
                problem.setProperty("requestId", requestId);
            }
        }
    }

    /** The path asked for: on an error dispatch the original request's, not the error page's. */
    private static String path(HttpServletRequest request) {
        Object original = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : null;
        return original != null ? original.toString() : request.getRequestURI();
    }

    /**
     * The path as a problem's {@code instance}: characters that a URI may not hold are percent-encoded
     * (a path that Tomcat refused can hold anything), a path longer than {@value #MAX_INSTANCE} characters
     * is cut there, and an empty one is {@code /}.
     */
    public static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return URI.create("/");
        }
        String cut = path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) : path;
        StringBuilder safe = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); ) {
            int c = cut.codePointAt(i);
            boolean escape = c == '%' && isHex(cut, i + 1) && isHex(cut, i + 2);
            if (escape || (c < 128 && (Character.isLetterOrDigit(c) || PATH_CHARACTERS.indexOf(c) >= 0))) {
                safe.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
            i += Character.charCount(c);
        }
        return URI.create(safe.charAt(0) == '/' ? safe.toString() : "/" + safe);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
