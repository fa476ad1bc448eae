package io.berth.cluster;

/** The cluster cannot be deleted while applications are deployed on it. */
public class ClusterInUseException extends RuntimeException {

    public ClusterInUseException(String name) {
        super("Cluster '" + name + "' still has applications deployed on it; delete them (or move their targets) first",
                null, false, false);
    }
}
