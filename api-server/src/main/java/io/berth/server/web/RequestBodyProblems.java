package io.berth.server.web;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body the strict JSON mapper refused, told in Berth's words: a 400 {@code malformed-request}
 * whose {@code errors} name the field by its JSON path ({@code clustrs}, {@code targets[0].namespace},
 * {@code values.image}) and say what it must be. Never the parser's message, never a value from the
 * body (it may be a kubeconfig), never a Java type.
 */
public final class RequestBodyProblems {

    private static final int MAX_FIELD_LENGTH = 200;
    private static final String DUPLICATE = "Duplicate Object property";

    private RequestBodyProblems() {
    }

    public static ApiException of(JacksonException e) {
        if (e instanceof StreamReadException && String.valueOf(e.getOriginalMessage()).startsWith(DUPLICATE)) {
            String field = parserPath(e);
            return problem("The request body gives '" + field + "' twice", field,
                    "given twice: a key may appear only once in an object");
        }
        if (afterTheDocument(e)) {
            return new ApiException(ProblemType.MALFORMED_REQUEST,
                    "The request body goes on after the JSON document; send exactly one JSON object");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(e);
            return problem("The request body has an unknown field '" + field + "'", field,
                    "unknown field; the fields here are " + known(unknown.getKnownPropertyIds()));
        }
        if (e instanceof InputCoercionException outOfRange) {
            String field = path(e);
            return problem("Field '" + field + "' is out of range", field, "out of range: " + range(outOfRange.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(e);
            if (field.isEmpty()) {
                return new ApiException(ProblemType.MALFORMED_REQUEST,
                        "The request body must be a JSON object of the shape the operation documents");
            }
            return problem("Field '" + field + "' has the wrong JSON type", field, expected(mismatch.getTargetType()));
        }
        return new ApiException(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON" + where(e.getLocation()));
    }

    private static ApiException problem(String detail, String field, String message) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, detail, List.of(new FieldProblem(field, message)));
    }

    /** The databind path: property names joined with dots, list positions in brackets. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                append(path, reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return capped(path);
    }

    /** The parser's own position, down to the key it stopped at (the databind path stops at the enclosing object). */
    private static String parserPath(JacksonException e) {
        if (!(e.processor() instanceof JsonParser parser)) {
            return path(e);
        }
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext c = parser.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.currentName() != null) {
                segments.add(c.currentName());
            }
        }
        Collections.reverse(segments);
        StringBuilder path = new StringBuilder();
        segments.forEach(s -> {
            if (s.startsWith("[")) {
                path.append(s);
            } else {
                append(path, s);
            }
        });
        return capped(path);
    }

    /** True when the parser had started a second top-level value: the document itself was complete. */
    private static boolean afterTheDocument(JacksonException e) {
        if (!(e.processor() instanceof JsonParser parser)) {
            return false;
        }
        TokenStreamContext root = parser.streamReadContext();
        while (root != null && root.getParent() != null) {
            root = root.getParent();
        }
        return root != null && root.getEntryCount() > 1;
    }

    private static void append(StringBuilder path, String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(name);
    }

    private static String capped(StringBuilder path) {
        return path.length() <= MAX_FIELD_LENGTH ? path.toString() : path.substring(0, MAX_FIELD_LENGTH) + "...";
    }

    private static String known(Collection<Object> ids) {
        return ids == null || ids.isEmpty() ? "none"
                : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "the number is too large for this field";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong JSON type";
        }
        if (isIntegral(type)) {
            return "must be an integer (a JSON number without quotes, fraction or exponent)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false (without quotes)";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date-time string as RFC 3339 writes it, such as 2026-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static boolean isIntegral(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
