package io.berth.template;

/**
 * Content over one of the {@link ContentLimits}; nothing else was checked. Callers answer it with
 * "413 Content Too Large", not with a list of problems.
 *
 * @see ContentLimits
 */
public class ContentTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limit;
    private final long actual;
    private final long maximum;

    public ContentTooLargeException(String limit, long actual, long maximum) {
        super("content is too large: " + actual + " " + limit + " where at most " + maximum + " are allowed");
        this.limit = limit;
        this.actual = actual;
        this.maximum = maximum;
    }

    /** Which limit was passed: {@code bytes} or {@code documents}. */
    public String limit() {
        return limit;
    }

    public long actual() {
        return actual;
    }

    public long maximum() {
        return maximum;
    }
}
