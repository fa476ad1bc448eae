package io.berth.server.status;

import io.berth.engine.watch.ChangeListener;
import io.berth.engine.watch.ClusterWatch;
import io.berth.engine.watch.WatchedKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ClusterWatch} per cluster that has deployed targets, watching the kinds those targets
 * use, and the state of each watch's connection: since when it is down, and whether it came back.
 * Not thread-safe: the tracker's one scheduler thread calls it; workers only read the watches.
 */
final class ClusterWatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterWatches.class);

    private final Map<String, ClusterWatch> watches = new ConcurrentHashMap<>();
    private final Map<String, Instant> closedSince = new ConcurrentHashMap<>();
    private final Function<Set<String>, Map<String, KubernetesClient>> clients;
    private final ChangeListener listener;

    /**
     * What {@link #check} found about each cluster's connection: the clusters down, those whose watch is
     * open again after being closed (their targets are worth a look), and, among those, the ones back
     * from an outage and so being listed afresh.
     */
    record Connections(Map<String, Down> down, Set<String> back, Set<String> relisted) {
    }

    /** A cluster whose watch has been down since a moment, and why. */
    record Down(Instant since, String why) {
    }

    /**
     * @param clients the clients of the clusters named that are registered, found with one read of the
     *                registry for all of them (a refresh must not read each cluster's record)
     */
    ClusterWatches(Function<Set<String>, Map<String, KubernetesClient>> clients, ChangeListener listener) {
        this.clients = clients;
        this.listener = listener;
    }

    /**
     * Watches these kinds on these clusters, and no others: watches of clusters without targets are
     * closed, and a cluster whose client was replaced (new credentials) gets a new watch.
     */
    void sync(Map<String, Set<WatchedKind>> kindsByCluster) {
        for (String gone : new HashSet<>(watches.keySet())) {
            if (!kindsByCluster.containsKey(gone)) {
                watches.remove(gone).close();
                closedSince.remove(gone);
            }
        }
        Map<String, KubernetesClient> registered;
        try {
            registered = kindsByCluster.isEmpty() ? Map.of() : clients.apply(kindsByCluster.keySet());
        } catch (RuntimeException e) {
            // the registry could not be read: the watches stay as they are until the next refresh
            log.debug("Cannot read the clusters' clients now: {}", e.toString());
            return;
        }
        kindsByCluster.forEach((cluster, kinds) -> {
            KubernetesClient client = registered.get(cluster);
            if (client == null) {
                return; // unregistered meanwhile: its targets go with it, and its watch at a later refresh
            }
            try {
                ClusterWatch watch = watches.get(cluster);
                if (watch != null && watch.client() != client) {
                    watch.close(); // the registry replaced the client: the old one may be closed already
                    watch = null;
                }
                if (watch == null) {
                    closedSince.remove(cluster);
                    watch = new ClusterWatch(cluster, client, listener);
                    watches.put(cluster, watch);
                }
                watch.watch(kinds);
            } catch (RuntimeException e) {
                log.debug("Cannot watch cluster {} now: {}", cluster, e.toString());
            }
        });
    }

    Optional<ClusterWatch> get(String cluster) {
        return Optional.ofNullable(watches.get(cluster));
    }

    /**
     * Looks at every watch's connection. A cluster is down when its watch, fully listed before, stays
     * closed for {@code staleAfter} (or, never listed, keeps failing that long); it is back once its watch
     * is open again, and then listed afresh (so that nothing that changed meanwhile is missed, whatever
     * the API server kept of its watch history). A watch that is only starting, or adding a kind, is
     * neither: being set up is no outage.
     * <p>
     * A watch closed for less than {@code staleAfter} is no outage either: API servers close every watch
     * after some minutes, and the informer opens it again from the last resource version it saw (or lists
     * again by itself when the server no longer has that version), so nothing is missed. Listing every
     * kind afresh for each of those would cost a full list and a moment when nothing can be judged, every
     * few minutes per kind and cluster.
     */
    Connections check(Instant now, Duration staleAfter) {
        Map<String, Down> down = new ConcurrentHashMap<>();
        Set<String> back = new HashSet<>();
        Set<String> relisted = new HashSet<>();
        watches.forEach((cluster, watch) -> {
            boolean connected = watch.isConnected();
            if (watch.hasLostAWatch()) {
                closedSince.putIfAbsent(cluster, now); // a watch that was open is closed
            }
            Instant since = closedSince.get(cluster);
            if (since == null && !connected && watch.isStarting()) {
                since = watch.failingSince().orElse(null); // never listed: failing from the start
            }
            if (since == null) {
                if (connected) {
                    watch.connectedAgain(); // a passing failure (a watch restarted by the server) is no outage
                }
                return;
            }
            boolean outage = !now.isBefore(since.plus(staleAfter));
            if (connected) {
                closedSince.remove(cluster);
                watch.connectedAgain();
                back.add(cluster);
                if (outage) {
                    log.info("The watch of cluster {} is back: listing its objects again", cluster);
                    watch.relist();
                    relisted.add(cluster);
                }
            } else if (outage) {
                down.put(cluster, new Down(since, watch.lastFailure().orElse("its watch was closed and cannot be opened again")));
            }
        });
        return new Connections(down, back, relisted);
    }

    List<ClusterWatch> all() {
        return List.copyOf(watches.values());
    }

    @Override
    public void close() {
        watches.values().forEach(ClusterWatch::close);
        watches.clear();
    }
}
