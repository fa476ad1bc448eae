package io.berth.server.domain;

/** The change would take a project beyond its quota; nothing was changed. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message, null, false, false);
    }
}
