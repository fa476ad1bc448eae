package io.berth.kubesim.controllers;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated etcd clusters hold: a few keys and values per EtcdCluster (by namespace and name),
 * with etcd's revision (one more with every write). Enough for a backup to save real content and a
 * restore to bring it back; tests and the control API write the keys, as an application would.
 * <p>
 * The data belongs to one EtcdCluster object, as a real cluster's data lives in its members: when the
 * etcd operator finds the EtcdCluster gone, or finds one of the same name with another uid, the data
 * is gone too and a new cluster of that name starts empty. Keys written before the operator has seen
 * the cluster are kept for it.
 */
public final class EtcdData {

    /** One cluster's keys in key order, at a revision. */
    public record Snapshot(Map<String, String> keys, long revision) {

        public Snapshot {
            keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        }
    }

    /** A cluster's data, and the uid of the EtcdCluster it belongs to (null until the operator has seen it). */
    private record Held(Snapshot snapshot, String clusterUid) {
    }

    private static final Snapshot EMPTY = new Snapshot(Map.of(), 0);

    private final Map<String, Held> clusters = new ConcurrentHashMap<>();

    /** Writes one key, as a client of the cluster would; the revision moves on. */
    public void put(String namespace, String cluster, String key, String value) {
        clusters.compute(namespace + "/" + cluster, (name, before) -> {
            Snapshot was = before == null ? EMPTY : before.snapshot();
            Map<String, String> keys = new TreeMap<>(was.keys());
            keys.put(key, value);
            return new Held(new Snapshot(keys, was.revision() + 1), before == null ? null : before.clusterUid());
        });
    }

    /** What the cluster holds now (nothing, at revision 0, for a cluster never written to). */
    public Snapshot snapshot(String namespace, String cluster) {
        Held held = clusters.get(namespace + "/" + cluster);
        return held == null ? EMPTY : held.snapshot();
    }

    /** Replaces what the cluster holds with a saved snapshot, whichever EtcdCluster it belongs to. */
    public void restore(String namespace, String cluster, Snapshot saved) {
        clusters.compute(namespace + "/" + cluster, (name, before) -> new Held(saved, before == null ? null : before.clusterUid()));
    }

    /**
     * Replaces what the EtcdCluster with this uid holds with a saved snapshot: a restore's seed member
     * starts from it. Data of an earlier EtcdCluster of the same name is replaced with it.
     */
    void restore(String namespace, String cluster, String clusterUid, Snapshot saved) {
        clusters.put(namespace + "/" + cluster, new Held(saved, clusterUid));
    }

    /**
     * The etcd operator sees the EtcdCluster of this name with this uid: from now on the data is this
     * cluster's. Data that belonged to an earlier one of the same name is gone; data written before any
     * cluster of the name was seen is this one's.
     */
    void seen(String namespace, String cluster, String clusterUid) {
        clusters.compute(namespace + "/" + cluster, (name, held) -> {
            if (held == null || held.clusterUid() != null && !held.clusterUid().equals(clusterUid)) {
                return new Held(EMPTY, clusterUid);
            }
            return held.clusterUid() == null ? new Held(held.snapshot(), clusterUid) : held;
        });
    }

    /** The EtcdCluster is gone, and its members with it: so is its data. */
    void gone(String namespace, String cluster) {
        clusters.remove(namespace + "/" + cluster);
    }
}
