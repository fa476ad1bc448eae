package io.berth.cluster;

/**
 * A call to a cluster's API server failed. The message is safe to show: it names the cluster and
 * the kind of failure, never credentials.
 */
public class ClusterCallException extends RuntimeException {

    private final boolean answered;

    public ClusterCallException(String message, boolean answered) {
        super(message, null, false, false);
        this.answered = answered;
    }

    /** False when the cluster could not be reached or did not answer in time; true when it answered badly. */
    public boolean answered() {
        return answered;
    }
}
