package io.berth.server.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors. A cursor wraps the sort key of the last item returned; clients must treat it
 * as an opaque string, which leaves Berth free to change what is inside.
 */
public final class Cursors {

    private static final String PREFIX = "v1:";

    private Cursors() {
    }

    public static String encode(String lastKey) {
        if (lastKey == null) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a cursor, or null for no cursor. A cursor Berth did not make is a 400 problem. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the problem below
        }
        throw foreignCursor();
    }

    /** The numeric key inside a cursor (for lists ordered by a number), or null for no cursor. */
    public static Long decodeNumber(String cursor) {
        String key = decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw foreignCursor();
        }
    }

    /** The problem for a cursor whose inside does not parse: one Berth did not make. */
    public static ApiException foreignCursor() {
        return new ApiException(ProblemType.MALFORMED_REQUEST, "The cursor is not one this API returned",
                java.util.List.of(new FieldProblem("cursor", "use the nextCursor value of the previous page")));
    }

    /** Checks a page size: 1 to max, default when absent. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "limit must be between 1 and " + max,
                    java.util.List.of(new FieldProblem("limit", "must be between 1 and " + max)));
        }
        return requested;
    }
}
