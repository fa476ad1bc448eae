package io.berth.server.testsupport;

import io.berth.cluster.ClusterOwnership;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The clusters a replica holds, set by a test of one component rather than by the lease keeper. */
public final class HeldClusters implements ClusterOwnership {

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public HeldClusters(String... clusters) {
        held.addAll(List.of(clusters));
    }

    /** Gives this replica a cluster, and tells the listeners, as the lease keeper would. */
    public void gain(String cluster) {
        if (held.add(cluster)) {
            listeners.forEach(l -> l.changed(Set.of(cluster), Set.of()));
        }
    }

    /** Takes a cluster from this replica, and tells the listeners, as the lease keeper would. */
    public void lose(String cluster) {
        if (held.remove(cluster)) {
            listeners.forEach(l -> l.changed(Set.of(), Set.of(cluster)));
        }
    }

    @Override
    public String replica() {
        return "test-replica";
    }

    @Override
    public boolean owns(String cluster) {
        return held.contains(cluster);
    }

    @Override
    public Set<String> owned() {
        return Set.copyOf(held);
    }

    @Override
    public void onChange(Listener listener) {
        listeners.add(listener);
    }
}
