package io.berth.kubesim.controllers;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated etcd clusters hold: a few keys and values per EtcdCluster (by namespace and name),
 * with etcd's revision (one more with every write). Enough for a backup to save real content and a
 * restore to bring it back; tests and the control API write the keys, as an application would.
 */
public final class EtcdData {

    /** One cluster's keys in key order, at a revision. */
    public record Snapshot(Map<String, String> keys, long revision) {

        public Snapshot {
            keys = Map.copyOf(keys);
        }
    }

    private final Map<String, Snapshot> clusters = new ConcurrentHashMap<>();

    /** Writes one key, as a client of the cluster would; the revision moves on. */
    public void put(String namespace, String cluster, String key, String value) {
        clusters.compute(namespace + "/" + cluster, (name, before) -> {
            Map<String, String> keys = new TreeMap<>(before == null ? Map.of() : before.keys());
            keys.put(key, value);
            return new Snapshot(keys, (before == null ? 0 : before.revision()) + 1);
        });
    }

    /** What the cluster holds now (nothing, at revision 0, for a cluster never written to). */
    public Snapshot snapshot(String namespace, String cluster) {
        return clusters.getOrDefault(namespace + "/" + cluster, new Snapshot(Map.of(), 0));
    }

    /** Replaces what the cluster holds with a saved snapshot (a restore seeds a new cluster with it). */
    public void restore(String namespace, String cluster, Snapshot saved) {
        clusters.put(namespace + "/" + cluster, saved);
    }
}
