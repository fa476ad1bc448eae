package io.berth.server.status;

import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.Health;
import io.berth.engine.health.TargetHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a target's health and drift to Postgres only when they differ from what is recorded: judging
 * the same state again costs no database write. Remembers what is recorded per target (as read at
 * each refresh, and as written since).
 */
final class TargetRecorder {

    private static final Logger log = LoggerFactory.getLogger(TargetRecorder.class);

    private final TrackedTargets targets;
    private final Clock clock;
    private final Map<TargetKey, Recorded> recorded = new ConcurrentHashMap<>();
    private final Map<TargetKey, List<ObjectDrift>> drifts = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    /** A target's recorded health, its reason, and since when it has that health. */
    record Recorded(Health health, String reason, Instant since) {
    }

    TargetRecorder(TrackedTargets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    /** What the database says now (read at a refresh): the base against which changes are told. */
    void known(TrackedTarget target) {
        recorded.put(target.key(), new Recorded(target.health(), target.reason(), target.healthSince()));
        drifts.put(target.key(), target.drift());
    }

    void forget(TargetKey key) {
        recorded.remove(key);
        drifts.remove(key);
    }

    /**
     * Records the target's drift when it changed. The database has the last word: a drift judged against
     * a revision that is no longer the applied and current one, or while an operation is under way, is
     * not recorded (the tracker's view of the target is a refresh old; the next refresh brings it up to date).
     *
     * @return whether it was recorded
     */
    boolean recordDrift(TrackedTarget target, List<ObjectDrift> drift) {
        if (drift.equals(recordedDrift(target))) {
            return false;
        }
        boolean written = targets.recordDrift(target, drift, Instant.now(clock));
        writes.incrementAndGet();
        if (written) {
            drifts.put(target.key(), List.copyOf(drift));
            log.info("{} {}", target.key(), drift.isEmpty() ? "no longer drifts"
                    : "drifted: " + String.join("; ", drift.stream().map(ObjectDrift::describe).toList()));
        }
        return written;
    }

    /** Whether this drift of the target is recorded already (as this replica knows). */
    boolean knowsDrift(TrackedTarget target, ObjectDrift drift) {
        return recordedDrift(target).contains(drift);
    }

    private List<ObjectDrift> recordedDrift(TrackedTarget target) {
        return drifts.getOrDefault(target.key(), List.of());
    }

    /** Records the health when it changed; returns whether it did. */
    boolean record(TrackedTarget target, TargetHealth health) {
        Recorded last = recorded.get(target.key());
        if (last != null && last.health() == health.health() && Objects.equals(last.reason(), health.reason())) {
            return false;
        }
        return write(target, health.health(), health.reason());
    }

    /**
     * Records that the target's cluster cannot be watched: Stale, with the last known health and since
     * when kept in the reason. A target that is Stale already keeps its first reason and time.
     */
    boolean markStale(TrackedTarget target, String why) {
        Recorded last = recorded.getOrDefault(target.key(), new Recorded(target.health(), target.reason(), target.healthSince()));
        if (last.health() == Health.Stale) {
            return false;
        }
        return write(target, Health.Stale, why + "; last known: " + last.health()
                + (last.since() == null ? "" : " since " + last.since()));
    }

    private boolean write(TrackedTarget target, Health health, String reason) {
        Instant now = Instant.now(clock);
        boolean written = targets.record(target, health, reason, now);
        writes.incrementAndGet();
        Recorded last = recorded.get(target.key());
        Instant since = last != null && last.health() == health ? last.since() : now;
        recorded.put(target.key(), new Recorded(health, reason, since));
        if (written) {
            log.info("{} is {}{}", target.key(), health, reason == null ? "" : ": " + reason);
        }
        return written;
    }

    /** Health and drift writes sent to the database since start. */
    long writes() {
        return writes.get();
    }
}
