package io.berth.cluster.internal.lease;

import io.berth.cluster.ClusterOwnership;
import io.berth.cluster.ReplicaSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Holds this replica's share of the clusters. A round, three times a lease period (and at once when a
 * cluster is registered here, or when a lease held elsewhere is about to lapse):
 * <ol>
 *   <li>says this replica is alive, and reads which replicas are;</li>
 *   <li>spreads the registered clusters over the live replicas ({@link Rendezvous}): the same answer on
 *       every replica, and a replica joining or leaving moves only its share;</li>
 *   <li>gives back the clusters that now go to another replica, renews those it keeps, and takes those
 *       that come to it once nobody holds them (a dead replica's lapse at most one lease period after
 *       its last renewal).</li>
 * </ol>
 * Listeners hear of clusters lost before their leases are given back, and of clusters gained after
 * they are taken. A replica that cannot reach the database lets its clusters go when its leases would
 * have lapsed (counted from before its last successful renewal, so never later than the database
 * thinks): it never works on a cluster another replica may hold by then.
 */
@Component
public class LeaseKeeper implements ClusterOwnership, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    /** After a foreign lease's end, so that the round reads it lapsed. */
    private static final long AFTER_LAPSE_MILLIS = 20;
    private static final Duration REPLICAS_FORGOTTEN_AFTER = Duration.ofDays(1);

    private final LeaseStore store;
    private final String replica;
    private final Duration ttl;
    private final long roundMillis;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "berth-leases");
        thread.setDaemon(true);
        return thread;
    });
    /** The clusters held, by name, with their ids; replaced whole by each round. */
    private volatile Map<String, UUID> held = Map.of();
    /** System.nanoTime() after which the leases held lapse unless renewed. */
    private volatile long heldUntilNanos;
    private ScheduledFuture<?> next;
    private volatile boolean stopped;
    private int rounds;

    LeaseKeeper(LeaseStore store, ReplicaSettings settings) {
        this.store = store;
        this.replica = settings.name().isBlank() ? generatedName() : settings.name();
        this.ttl = settings.leaseDuration();
        this.roundMillis = Math.max(settings.leaseDuration().toMillis() / 3, 50);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Replica {} holds cluster leases for {}", replica, ttl);
        schedule(0);
    }

    /** Runs a round now: a cluster was registered here, and should be watched without waiting. */
    public void nudge() {
        schedule(0);
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public boolean owns(String cluster) {
        return held.containsKey(cluster) && System.nanoTime() - heldUntilNanos < 0;
    }

    @Override
    public Set<String> owned() {
        return System.nanoTime() - heldUntilNanos < 0 ? Set.copyOf(held.keySet()) : Set.of();
    }

    @Override
    public void onChange(Listener listener) {
        listeners.add(listener);
    }

    private synchronized void schedule(long delayMillis) {
        if (stopped) {
            return;
        }
        if (next != null) {
            if (next.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
                return; // a round comes sooner anyway
            }
            next.cancel(false);
        }
        next = scheduler.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        synchronized (this) {
            next = null;
        }
        long started = System.nanoTime();
        long nextRound = roundMillis;
        try {
            nextRound = Math.min(nextRound, takeShare(started));
        } catch (RuntimeException e) {
            log.warn("Replica {} could not renew its cluster leases: {}", replica, e.getClass().getSimpleName());
            if (!held.isEmpty() && started - heldUntilNanos >= 0) {
                log.warn("Replica {} lets its {} clusters go: its leases have lapsed", replica, held.size());
                change(Map.of());
            }
            if (!held.isEmpty()) {
                // try again before the leases lapse, and let the clusters go when they have
                nextRound = Math.min(nextRound, Math.max(1, (heldUntilNanos - System.nanoTime()) / 1_000_000));
            }
        }
        if (++rounds % 1000 == 0) {
            forgetOldReplicas();
        }
        schedule(nextRound);
    }

    /** One round; returns when the next one is worth running (ms), at the latest. */
    private long takeShare(long started) {
        store.heartbeat(replica, ttl);
        Set<String> live = store.liveReplicas();
        live.add(replica);
        Map<String, UUID> mine = new HashMap<>();
        Map<String, UUID> wanted = new HashMap<>();
        Map<String, UUID> toTake = new HashMap<>();
        long soonestLapse = Long.MAX_VALUE;
        for (LeaseStore.ClusterLease lease : store.leases()) {
            boolean ours = replica.equals(lease.holder());
            if (ours) {
                mine.put(lease.cluster(), lease.clusterId());
            } else if (!lease.lapsed()) {
                soonestLapse = Math.min(soonestLapse, lease.remainingMillis());
            }
            if (replica.equals(Rendezvous.owner(lease.cluster(), live))) {
                wanted.put(lease.cluster(), lease.clusterId());
                if (!ours && lease.lapsed()) {
                    toTake.put(lease.cluster(), lease.clusterId());
                }
            }
        }
        Map<String, UUID> kept = new HashMap<>(mine);
        kept.keySet().retainAll(wanted.keySet());
        Map<String, UUID> givenBack = new HashMap<>(mine);
        givenBack.keySet().removeAll(wanted.keySet());
        // held now minus what goes away: listeners stop working on a cluster before another replica may take it
        Map<String, UUID> stillHeld = new HashMap<>(held);
        stillHeld.keySet().retainAll(kept.keySet());
        change(stillHeld);
        store.release(replica, givenBack.values());
        Set<UUID> renewed = store.renew(replica, kept.values(), ttl);
        Set<UUID> taken = store.acquire(replica, toTake.values(), ttl);
        heldUntilNanos = started + ttl.toNanos();
        Map<String, UUID> now = new HashMap<>();
        kept.forEach((name, id) -> {
            if (renewed.contains(id)) {
                now.put(name, id);
            }
        });
        toTake.forEach((name, id) -> {
            if (taken.contains(id)) {
                now.put(name, id);
            }
        });
        change(now);
        // a lease held elsewhere that lapses before the next round is looked at right after it lapses
        return soonestLapse == Long.MAX_VALUE ? Long.MAX_VALUE : soonestLapse + AFTER_LAPSE_MILLIS;
    }

    /** Makes {@code now} the clusters held and tells the listeners what changed. */
    private void change(Map<String, UUID> now) {
        Map<String, UUID> before = held;
        Set<String> gained = new HashSet<>(now.keySet());
        gained.removeAll(before.keySet());
        Set<String> lost = new HashSet<>(before.keySet());
        lost.removeAll(now.keySet());
        held = Map.copyOf(now);
        if (gained.isEmpty() && lost.isEmpty()) {
            return;
        }
        log.info("Replica {} now holds {} clusters ({} gained, {} let go)", replica, now.size(), gained.size(), lost.size());
        for (Listener listener : listeners) {
            try {
                listener.changed(Set.copyOf(gained), Set.copyOf(lost));
            } catch (RuntimeException e) {
                log.warn("A listener of cluster leases failed", e);
            }
        }
    }

    private void forgetOldReplicas() {
        try {
            store.forgetReplicasGoneBefore(REPLICAS_FORGOTTEN_AFTER);
        } catch (RuntimeException e) {
            log.debug("Could not forget old replicas: {}", e.getClass().getSimpleName());
        }
    }

    /** Stops holding clusters: listeners let them go, and the leases go back at once for the others. */
    @Override
    public void destroy() {
        synchronized (this) {
            stopped = true;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        change(Map.of());
        try {
            store.leave(replica);
        } catch (RuntimeException e) {
            log.warn("Replica {} could not give its cluster leases back ({}): they lapse after {}", replica,
                    e.getClass().getSimpleName(), ttl);
        }
    }

    private static String generatedName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "berth";
        }
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 64 - suffix.length() ? host.substring(0, 64 - suffix.length()) : host) + suffix;
    }
}
