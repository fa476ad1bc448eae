package io.berth.server.web;

import java.util.List;

/**
 * The Idempotency-Key header of a POST that starts an operation: its name, and the shape a key must
 * have to be stored (at most 255 characters) and compared as sent. A key of another shape is a
 * malformed request, refused before anything is looked up.
 */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** The key as sent, null when the header is absent; a 400 problem naming the header when it is malformed. */
    public static String parse(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The Idempotency-Key header must be 1 to "
                    + MAX_LENGTH + " visible ASCII characters, e.g. a UUID", List.of(new FieldProblem(NAME, "invalid")));
        }
        return key;
    }
}
