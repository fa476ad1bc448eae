package io.berth.engine;

/**
 * Scaling a scalable workload failed on the cluster (it is missing, the cluster refused the change
 * or could not be reached). The message names the workload and carries the cluster's explanation.
 */
public class ScaleException extends RuntimeException {

    public ScaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
