package io.berth.cluster;

/** No cluster is registered under the name. */
public class ClusterNotFoundException extends RuntimeException {

    public ClusterNotFoundException(String name) {
        super("No cluster named '" + name + "' is registered", null, false, false);
    }
}
