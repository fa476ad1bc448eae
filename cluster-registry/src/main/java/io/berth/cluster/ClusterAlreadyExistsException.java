package io.berth.cluster;

/** A cluster with the name is already registered. */
public class ClusterAlreadyExistsException extends RuntimeException {

    public ClusterAlreadyExistsException(String name) {
        super("A cluster named '" + name + "' is already registered", null, false, false);
    }
}
