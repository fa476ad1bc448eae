package io.berth.cluster.internal.probe;

import io.berth.cluster.ClusterOwnership;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The clusters a replica holds, set by a test of one component rather than by the lease keeper. */
final class HeldClusters implements ClusterOwnership {

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    HeldClusters(String... clusters) {
        held.addAll(List.of(clusters));
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
