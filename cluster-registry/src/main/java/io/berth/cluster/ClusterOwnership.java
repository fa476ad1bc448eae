package io.berth.cluster;

import java.util.Set;

/**
 * Which registered clusters this replica works on: watches and background probes. With several Berth
 * replicas on one database each cluster is held by one of them at a time, through a lease in Postgres;
 * a lone replica holds every cluster. Requests (reads, deploys, a probe asked for) are served by any
 * replica, whoever holds the cluster.
 */
public interface ClusterOwnership {

    /** The name this replica holds leases under. */
    String replica();

    /** Whether this replica holds the cluster's lease now. */
    boolean owns(String cluster);

    /** The clusters this replica holds now, by name. */
    Set<String> owned();

    /**
     * Tells the listener of every change of the clusters held, after it happened. Called on the lease
     * keeper's thread: a listener hands the work to its own thread and returns.
     */
    void onChange(Listener listener);

    /** Clusters gained and lost by this replica in one round of the lease keeper. */
    interface Listener {
        void changed(Set<String> gained, Set<String> lost);
    }
}
