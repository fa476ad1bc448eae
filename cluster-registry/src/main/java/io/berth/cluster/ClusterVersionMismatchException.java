package io.berth.cluster;

/** The caller edited a version of the cluster that is no longer current (a stale If-Match). */
public class ClusterVersionMismatchException extends RuntimeException {

    public ClusterVersionMismatchException(String name, long expected, long actual) {
        super("Cluster '" + name + "' is at version " + actual + ", not " + expected
                + ": it changed since you read it; read it again and retry", null, false, false);
    }

    /** Another writer changed the cluster between this request's If-Match check and its write. */
    public ClusterVersionMismatchException(String name) {
        super("Cluster '" + name + "' was changed by another request at the same time, so If-Match no longer names its"
                + " current version; read it again and retry",
                null, false, false);
    }
}
