package io.berth.server.status;

import io.berth.cluster.ClusterOwnership;
import io.berth.cluster.ClusterRegistry;
import io.berth.engine.ObjectRef;
import io.berth.engine.drift.DriftDetector;
import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.HealthJudge;
import io.berth.engine.health.LiveReader;
import io.berth.engine.health.Observation;
import io.berth.engine.health.TargetHealth;
import io.berth.engine.watch.CachedReader;
import io.berth.engine.watch.ClusterWatch;
import io.berth.engine.watch.WatchedKind;
import io.berth.server.database.DatabaseFaults;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the health of every deployed target as it changes on its cluster.
 * <ul>
 *   <li>Every {@code refresh-interval} the targets that changed in Postgres since the refresh before
 *       are read (every target, every {@code full-refresh-interval}), and each cluster with targets is
 *       watched ({@link ClusterWatches}: one informer per kind the targets use, plus pods).</li>
 *   <li>A watch handler only queues the target an object belongs to ({@link TargetQueue}); workers
 *       judge it from the watch's caches with the engine's {@link HealthJudge} and write its health
 *       only when it changed ({@link TargetRecorder}).</li>
 *   <li>A cluster whose watch is down for {@code stale-after} turns its targets Stale (last known health
 *       kept); when it is back its objects are listed again and every target judged afresh.</li>
 *   <li>Berth's own failures (the database) leave health as it is and try again: they never mark a
 *       cluster's targets Stale.</li>
 *   <li>Only the clusters this replica holds ({@link ClusterOwnership}) are watched and judged: with
 *       several replicas each cluster's targets are followed by one of them. A cluster gained is read
 *       afresh (another replica wrote its health meanwhile) and all its targets judged once its watch
 *       has listed it; a cluster let go is no longer watched, and the database refuses this replica's
 *       writes for it.</li>
 * </ul>
 */
@Component
public class StatusTracker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);
    private static final long NOT_LISTED_YET_RETRY_MILLIS = 200;
    private static final long DATABASE_RETRY_MILLIS = 2000;
    private static final java.time.Duration REMOVALS_KEPT = java.time.Duration.ofDays(1);

    private final TrackedTargets targets;
    private final StatusSettings settings;
    private final TargetQueue queue = new TargetQueue();
    private final ClusterWatches watches;
    private final TargetRecorder recorder;
    private final WatchObserver observer;
    private final Map<String, Map<String, CustomHealthRule>> rules = new ConcurrentHashMap<>();
    private final Map<String, List<DesiredObject>> desired = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-status"));
    private final ExecutorService workers;
    private final Clock clock;
    private final ClusterOwnership ownership;
    /** The kinds each cluster's targets use, held or not, as of the last refresh. */
    private volatile Map<String, Set<WatchedKind>> kindsByCluster = Map.of();
    /** Targets that could not be judged because their cluster's watch was not connected, by cluster. */
    private final Map<String, Set<TargetKey>> awaitingWatch = new ConcurrentHashMap<>();
    private volatile Map<TargetKey, TrackedTarget> index = Map.of();
    /** Where the next refresh reads changes from; meaningful once a full refresh was done. */
    private long changeMark;
    private Instant lastFullRefresh;

    public StatusTracker(TrackedTargets targets, ClusterRegistry clusters, ClusterOwnership ownership,
                         StatusSettings settings, Clock clock, WatchObserver observer) {
        this.targets = targets;
        this.ownership = ownership;
        this.settings = settings;
        this.observer = observer;
        this.clock = clock;
        this.recorder = new TargetRecorder(targets, clock);
        this.watches = new ClusterWatches(clusters::clients, this::changed);
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), r -> daemon(r, "berth-status-worker"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.enabled()) {
            return;
        }
        ownership.onChange((gained, lost) -> {
            try {
                scheduler.execute(() -> ownershipChanged(gained, lost));
            } catch (RejectedExecutionException stopping) {
                // the tracker is stopping: its watches close anyway
            }
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::check, settings.checkInterval().toMillis(), settings.checkInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.parallelism(); i++) {
            workers.submit(this::work);
        }
    }

    /**
     * Reads the targets that changed since the refresh before (every target, when a full refresh is due),
     * watches what the targets use, and queues the targets read to be judged: a judgement from the
     * caches is cheap, and writes nothing when nothing changed. Changes on the clusters need no refresh:
     * the watches queue their targets as they happen.
     */
    public synchronized void refresh() {
        Instant now = clock.instant();
        boolean full = lastFullRefresh == null || !now.isBefore(lastFullRefresh.plus(settings.fullRefreshInterval()));
        long mark;
        Map<TargetKey, TrackedTarget> next;
        Collection<TrackedTarget> read;
        try {
            mark = targets.changeMark(); // before the read: whatever it may miss, the next one asks for
            if (full) {
                read = targets.all();
                next = new LinkedHashMap<>();
                read.forEach(target -> next.put(target.key(), target));
            } else {
                TargetChanges changes = targets.changedSince(changeMark);
                if (changes.followed().isEmpty() && changes.unfollowed().isEmpty()) {
                    changeMark = mark;
                    syncWatches(); // nothing to re-index; a cluster's credentials may have changed
                    return;
                }
                read = changes.followed();
                next = applied(changes);
            }
        } catch (RuntimeException e) {
            if (!DatabaseFaults.isDatabaseError(e)) {
                log.warn("Could not read the tracked targets", e);
            } else {
                log.warn("Could not read the tracked targets: the database failed ({})", e.getClass().getSimpleName());
            }
            return;
        }
        read.forEach(recorder::known);
        index.keySet().stream().filter(key -> !next.containsKey(key)).forEach(recorder::forget);
        Map<String, Set<WatchedKind>> kinds = new HashMap<>();
        for (TrackedTarget target : next.values()) {
            kinds.computeIfAbsent(target.cluster(), c -> new HashSet<>()).addAll(kindsOf(target));
        }
        Set<String> revisions = new HashSet<>();
        next.values().forEach(t -> revisions.add(rulesKey(t.applicationId(), t.revision())));
        rules.keySet().retainAll(revisions);
        desired.keySet().retainAll(next.values().stream().map(StatusTracker::desiredKey).collect(java.util.stream.Collectors.toSet()));
        index = Map.copyOf(next);
        kindsByCluster = kinds;
        changeMark = mark;
        if (full) {
            lastFullRefresh = now;
            forgetOldRemovals(now);
        }
        syncWatches();
        read.stream().filter(target -> ownership.owns(target.cluster())).forEach(target -> queue.add(target.key()));
    }

    /** Watches the clusters this replica holds, with the kinds their targets use, and no others. */
    private void syncWatches() {
        Map<String, Set<WatchedKind>> held = new HashMap<>(kindsByCluster);
        held.keySet().removeIf(cluster -> !ownership.owns(cluster));
        watches.sync(held);
    }

    /**
     * Clusters gained and lost by this replica. What is known of the targets of a cluster lost is
     * forgotten: another replica writes their health now. A cluster gained is read afresh (a full
     * refresh: what this replica knew of it may be old) and its targets are judged once it is listed.
     */
    synchronized void ownershipChanged(Set<String> gained, Set<String> lost) {
        if (!lost.isEmpty()) {
            index.keySet().stream().filter(key -> lost.contains(key.cluster())).forEach(recorder::forget);
            lost.forEach(awaitingWatch::remove);
        }
        if (!gained.isEmpty()) {
            lastFullRefresh = null;
            refresh(); // queues every target of the clusters held, the gained ones among them
        } else {
            syncWatches();
        }
    }

    /** The index with the changes applied: the targets let go removed, the targets read put in. */
    private Map<TargetKey, TrackedTarget> applied(TargetChanges changes) {
        Map<TargetKey, TrackedTarget> next = new LinkedHashMap<>(index);
        if (!changes.unfollowed().isEmpty()) {
            Set<TargetChanges.Unfollowed> gone = Set.copyOf(changes.unfollowed());
            next.values().removeIf(target -> gone.contains(TargetChanges.Unfollowed.of(target)));
        }
        changes.followed().forEach(target -> next.put(target.key(), target));
        return next;
    }

    /** Removals older than a day are of no use to a tracker: one that far behind reads every target. */
    private void forgetOldRemovals(Instant now) {
        try {
            targets.forgetRemovalsBefore(now.minus(REMOVALS_KEPT));
        } catch (RuntimeException e) {
            log.warn("Could not purge the record of removed targets: {}", e.getClass().getSimpleName());
        }
    }

    /** The targets followed now. */
    Set<TargetKey> followed() {
        return index.keySet();
    }

    /** Looks at each cluster's watch: Stale targets for a cluster that is away, a fresh look when it is back. */
    public void check() {
        try {
            ClusterWatches.Connections connections = watches.check(Instant.now(), settings.staleAfter());
            connections.back().forEach(cluster -> observer.reconnected(cluster, connections.relisted().contains(cluster)));
            requeueOnceConnected();
            for (TrackedTarget target : index.values()) {
                ClusterWatches.Down down = connections.down().get(target.cluster());
                if (down != null) {
                    recorder.markStale(target, "cluster " + target.cluster() + " cannot be watched since " + down.since()
                            + ": " + down.why());
                } else if (connections.back().contains(target.cluster())) {
                    queue.add(target.key());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking the cluster watches failed: {}", e.toString());
        }
    }

    /** Queues again the targets that were waiting for their cluster's watch, where it is connected now. */
    private void requeueOnceConnected() {
        for (String cluster : Set.copyOf(awaitingWatch.keySet())) {
            Set<TargetKey> waiting = awaitingWatch.get(cluster);
            waiting.removeIf(key -> !index.containsKey(key)); // no longer followed
            if (waiting.isEmpty()) {
                awaitingWatch.remove(cluster, waiting);
            } else if (watches.get(cluster).map(ClusterWatch::isConnected).orElse(false)) {
                awaitingWatch.remove(cluster);
                waiting.forEach(queue::add);
            }
        }
    }

    /** Judges one target from its cluster's watch and records its health if it changed. */
    void judge(TargetKey key) {
        TrackedTarget target = index.get(key);
        if (target == null || !ownership.owns(key.cluster())) {
            return; // no longer followed, or followed by another replica
        }
        Optional<ClusterWatch> watch = watches.get(key.cluster());
        if (watch.isEmpty() || !watch.get().isConnected()) {
            // not watched yet, being listed, or away (check() says Stale): judged once its watch is connected
            awaitingWatch.computeIfAbsent(key.cluster(), c -> ConcurrentHashMap.newKeySet()).add(key);
            return;
        }
        try {
            if (!listed(target, watch.get())) {
                queue.later(key, NOT_LISTED_YET_RETRY_MILLIS); // its kinds are being listed: nothing to say yet
                return;
            }
            Map<String, CustomHealthRule> kindRules = rules.computeIfAbsent(rulesKey(target.applicationId(), target.revision()),
                    k -> targets.rules(target.applicationId(), target.revision()));
            CachedReader reader = new CachedReader(watch.get());
            List<Observation> seen = new ArrayList<>();
            for (ObjectRef ref : target.objects()) {
                if (!HealthJudge.carriesHealth(ref.apiVersion(), ref.kind(), kindRules.containsKey(ref.kind()))) {
                    continue;
                }
                Optional<Observation> observation = reader.observe(ref, kindRules.get(ref.kind()));
                if (observation.isEmpty()) {
                    queue.later(key, NOT_LISTED_YET_RETRY_MILLIS); // listed again since the check above
                    return;
                }
                seen.add(observation.get());
            }
            recorder.record(target, TargetHealth.of(seen));
            if (target.driftJudged()) {
                judgeDrift(target, watch.get());
            }
        } catch (IllegalStateException relisting) {
            queue.later(key, NOT_LISTED_YET_RETRY_MILLIS); // the watch is being listed again right now
        } catch (RuntimeException e) {
            // Berth's own failure: the target keeps its recorded health and is looked at again soon
            if (DatabaseFaults.isDatabaseError(e)) {
                log.warn("Health of {} not recorded: the database failed ({})", key, e.getClass().getSimpleName());
            } else {
                log.warn("Health of {} not judged", key, e);
            }
            queue.later(key, DATABASE_RETRY_MILLIS);
        }
    }

    /**
     * Compares the target's objects with what Berth applied, and records the drift when it changed; a
     * drift found (again) is reported, for an application that heals itself.
     */
    private void judgeDrift(TrackedTarget target, ClusterWatch watch) {
        List<DesiredObject> applied = desired.computeIfAbsent(desiredKey(target), k -> targets.desired(target));
        List<ObjectDrift> drift = new ArrayList<>();
        for (DesiredObject object : applied) {
            Map<String, Object> live = watch.find(object.ref()).map(LiveReader::tree).orElse(null);
            Optional<ObjectDrift> seen = DriftDetector.compare(object.ref(), object.applied(), live);
            if (seen.isPresent() && !recorder.knowsDrift(target, seen.get())) {
                seen = confirmedOnTheCluster(watch, object, seen.get());
            }
            seen.ifPresent(drift::add);
        }
        if (recorder.recordDrift(target, drift) && !drift.isEmpty()) {
            targets.drifted(target);
        }
    }

    /**
     * A drift the cache shows and nobody recorded yet is looked at on the cluster itself before it is
     * recorded: right after Berth's own change (a scale, an apply) the watch may not have delivered it yet,
     * and the cache still holds the object as it was; judged against the new revision that looks like a
     * drift (and would make a self-healing application re-apply for nothing). One read per new drift.
     * When the cluster cannot be read, the cache's word is taken.
     */
    private Optional<ObjectDrift> confirmedOnTheCluster(ClusterWatch watch, DesiredObject object, ObjectDrift seen) {
        try {
            Map<String, Object> live = LiveReader.object(watch.client(), object.ref()).orElse(null);
            return DriftDetector.compare(object.ref(), object.applied(), live);
        } catch (KubernetesClientException unread) {
            return Optional.of(seen);
        }
    }

    /** A watch saw a change of an application's object: queue the target(s) it belongs to. */
    private void changed(String cluster, String namespace, String application) {
        if (namespace != null) {
            TargetKey key = new TargetKey(cluster, namespace, application);
            if (index.containsKey(key)) {
                queue.add(key);
            }
            return;
        }
        // a cluster-scoped object belongs to every target of the application on that cluster
        index.keySet().stream().filter(k -> k.cluster().equals(cluster) && k.application().equals(application))
                .forEach(queue::add);
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TargetKey key = queue.take();
                try {
                    judge(key);
                } finally {
                    queue.done(key);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("A status worker failed", e);
            }
        }
    }

    /** Whether every kind the target's judgement needs has been listed. */
    private static boolean listed(TrackedTarget target, ClusterWatch watch) {
        return kindsOf(target).stream().allMatch(watch::isSynced);
    }

    /** Every kind the target's objects are of, and pods when a workload is among them. */
    private static Set<WatchedKind> kindsOf(TrackedTarget target) {
        Set<WatchedKind> kinds = new HashSet<>();
        for (ObjectRef ref : target.objects()) {
            kinds.add(new WatchedKind(ref.apiVersion(), ref.kind()));
            if (HealthJudge.judgesPods(ref.apiVersion(), ref.kind())) {
                kinds.add(WatchedKind.POD);
            }
        }
        return kinds;
    }

    private static String desiredKey(TrackedTarget target) {
        return target.applicationId() + "@" + target.revision() + "@" + target.cluster() + "/" + target.namespace();
    }

    private static String rulesKey(UUID applicationId, int revision) {
        return applicationId + "@" + revision;
    }

    /** Health writes sent to the database since start (unchanged judgements send none). */
    public long healthWrites() {
        return recorder.writes();
    }

    /** Clusters watched, and the objects their caches hold. */
    public int watchedClusters() {
        return watches.all().size();
    }

    public int cachedObjects() {
        return watches.all().stream().mapToInt(ClusterWatch::cachedObjects).sum();
    }

    /** The objects the cluster's watch holds; 0 when it is not watched. */
    public int cachedObjects(String cluster) {
        return watches.get(cluster).map(ClusterWatch::cachedObjects).orElse(0);
    }

    /** Whether the cluster's watch is open for every kind it watches; false when the cluster is not watched. */
    public boolean watchConnected(String cluster) {
        return watches.get(cluster).map(ClusterWatch::isConnected).orElse(false);
    }

    /** The kinds watched on each watched cluster: one informer, so one watch connection, per kind. */
    public Map<String, Set<WatchedKind>> watchedKinds() {
        Map<String, Set<WatchedKind>> kinds = new HashMap<>();
        watches.all().forEach(watch -> kinds.put(watch.cluster(), watch.watchedKinds()));
        return kinds;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        watches.close();
    }
}
