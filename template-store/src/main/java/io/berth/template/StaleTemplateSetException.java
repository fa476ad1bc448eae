package io.berth.template;

/** The caller edited a state of the template set that is no longer current (a stale If-Match). */
public class StaleTemplateSetException extends RuntimeException {

    public StaleTemplateSetException(String name, long expected, long actual) {
        super("Template set '" + name + "' is at version " + actual + ", not " + expected
                + ": it changed since you read it; read it again and retry", null, false, false);
    }

    /** Another writer changed the set between this request's If-Match check and its write. */
    public StaleTemplateSetException(String name) {
        super("Template set '" + name + "' was changed by another request at the same time, so If-Match no longer names"
                + " its current version; read it again and retry",
                null, false, false);
    }
}
