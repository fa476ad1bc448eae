package io.berth.engine;

/** The object has neither a {@code /scale} subresource nor a replicas path to write. */
public class NotScalableException extends RuntimeException {

    public NotScalableException(String message) {
        super(message);
    }
}
