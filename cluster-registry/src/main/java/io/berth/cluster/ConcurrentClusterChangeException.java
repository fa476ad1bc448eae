package io.berth.cluster;

/**
 * Another request changed the cluster between this request's read and its write, and this request
 * named no version (no If-Match): it lost the race and changed nothing. Sending it again applies it to
 * the new state.
 */
public class ConcurrentClusterChangeException extends RuntimeException {

    public ConcurrentClusterChangeException(String name) {
        super("Cluster '" + name + "' was changed by another request at the same time; nothing was changed by this one:"
                + " read the cluster again and send the change again", null, false, false);
    }
}
