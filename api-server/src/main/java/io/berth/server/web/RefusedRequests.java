package io.berth.server.web;

import java.util.Locale;
import java.util.Set;

/**
 * Berth's words for a request refused before any controller saw it: by Tomcat (a path it cannot
 * decode, a request line or headers over the size limit) or by Spring Security's firewall (path
 * parameters, {@code //}, encoded dots). The details name what was wrong in the request, never the
 * component that refused it.
 */
public final class RefusedRequests {

    /** The methods the API answers; any other is 405 wherever it is refused. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final String PLAIN_PATHS = "; Berth's paths are plain: /api/v1/<resources>/<name>, where names are "
            + "DNS-1123 labels";

    private RefusedRequests() {
    }

    /** The detail for a path refused as it was sent (the raw, still percent-encoded path). */
    public static String pathDetail(String rawPath) {
        String reason = pathReason(rawPath == null ? "" : rawPath);
        return "The request path was refused: " + (reason == null ? "it is not a valid URL path" : "it holds " + reason)
                + PLAIN_PATHS;
    }

    /**
     * The detail for a request that Spring Security's firewall refused: what is wrong with its path when
     * Berth can tell, otherwise the parts of a request the firewall looks at.
     */
    public static String firewallDetail(String rawPath) {
        return pathReason(rawPath == null ? "" : rawPath) != null ? pathDetail(rawPath)
                : "The request was refused: a header, a parameter or the path holds characters Berth does not accept"
                + " (such as control characters)";
    }

    /** The detail for a method the API never answers. */
    public static String methodDetail(String method) {
        return "Method " + printable(method) + " is not allowed; the API answers " + String.join(", ", METHODS.stream()
                .sorted().toList());
    }

    public static String requestLineTooLong(int limitBytes) {
        return "The request line (method, path and query) is longer than this server reads: the request line and headers"
                + " together may hold at most " + limitBytes + " bytes (server.max-http-request-header-size)";
    }

    public static String headersTooLarge(int limitBytes) {
        return "The request headers are larger than this server reads: the request line and headers together may hold"
                + " at most " + limitBytes + " bytes (server.max-http-request-header-size)";
    }

    public static String unreadable() {
        return "The request is not valid HTTP/1.1: its request line or a header could not be read (characters that must be"
                + " percent-encoded in a URL, a malformed header, a missing Host header)";
    }

    /** What is wrong with a raw path, or null when nothing Berth knows of is. */
    static String pathReason(String raw) {
        String path = raw.toLowerCase(Locale.ROOT);
        if (path.contains("%2f")) {
            return "an encoded slash (%2F)";
        }
        if (path.contains("%5c") || path.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (hasControlCharacter(path)) {
            return "NUL or another control character";
        }
        if (path.indexOf(';') >= 0) {
            return "a path parameter (';' as in ;jsessionid=...)";
        }
        if (path.contains("//")) {
            return "an empty segment ('//')";
        }
        if (path.contains("%2e")) {
            return "an encoded dot (%2E)";
        }
        if (path.contains("%25")) {
            return "an encoded percent sign (%25)";
        }
        if (hasDotSegment(path)) {
            return "a '.' or '..' segment";
        }
        if (hasMalformedEscape(path)) {
            return "a '%' that does not start an escape such as %20";
        }
        if (path.chars().anyMatch(c -> c > 126 || c == ' ')) {
            return "characters that a URL must percent-encode";
        }
        return null;
    }

    private static boolean hasControlCharacter(String path) {
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return true;
        }
        for (int i = path.indexOf('%'); i >= 0 && i + 2 < path.length(); i = path.indexOf('%', i + 1)) {
            int value = hexByte(path, i + 1);
            if (value >= 0 && (value < 0x20 || value == 0x7f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMalformedEscape(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || hexByte(path, i + 1) < 0) {
                return true;
            }
        }
        return false;
    }

    private static int hexByte(String text, int at) {
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** A method name as it may be quoted back: at most 20 visible ASCII characters. */
    private static String printable(String method) {
        if (method == null) {
            return "(none)";
        }
        String shown = method.chars().filter(c -> c > 32 && c < 127).limit(20)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.isEmpty() ? "(unprintable)" : shown;
    }
}
