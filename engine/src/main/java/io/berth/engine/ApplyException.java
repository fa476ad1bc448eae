package io.berth.engine;

/**
 * Applying, pruning or deleting objects on a cluster failed. The message names the object and
 * carries the cluster's own explanation (for example the message of a 422 answer); it never holds
 * credentials.
 */
public class ApplyException extends RuntimeException {

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
