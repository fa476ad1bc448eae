package io.berth.server.status;

/**
 * Told when a cluster's watch is open again after it was closed, for those who count it (metrics)
 * without the tracker knowing them. Called on the tracker's scheduler thread; an implementation must be
 * quick and must not throw.
 */
public interface WatchObserver {

    /** Nobody listens: for callers that build a tracker by hand. */
    WatchObserver NONE = (cluster, relisted) -> {
    };

    /**
     * The watch of the cluster was lost and is back.
     *
     * @param relisted whether it was away for longer than stale-after, so that its objects are listed
     *                 afresh; false for a routine reconnect (an API server closes every watch now and then)
     */
    void reconnected(String cluster, boolean relisted);
}
