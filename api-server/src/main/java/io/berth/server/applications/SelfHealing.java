package io.berth.server.applications;

import io.berth.server.operations.Operation;
import io.berth.server.operations.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-applies an application that heals itself when one of its targets drifts: a Sync operation of that
 * target's cluster, recorded and audited like any other, by the actor {@value #ACTOR}. A target that
 * drifts again and again (someone, or some controller, keeps changing it back) is healed with a growing
 * pause: {@code 10s, 20s, 40s ...} up to 10 minutes, from the start of one attempt to the next, so that
 * Berth never fights another writer in a tight loop. The pause starts over once the target is in sync.
 */
@Component
class SelfHealing {

    static final String ACTOR = "berth:self-heal";
    private static final Logger log = LoggerFactory.getLogger(SelfHealing.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    private final ApplicationService applications;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    /** How often a target was healed in a row, and when the next attempt may start. */
    private record Attempts(int count, Instant nextAllowed) {
    }

    SelfHealing(ApplicationService applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    /** Starts a Sync of the target's cluster, unless the pause after the previous attempt is not over. */
    void heal(String application, String cluster, String namespace) {
        String key = application + "@" + cluster + "/" + namespace;
        Instant now = Instant.now(clock);
        Attempts previous = attempts.get(key);
        if (previous != null && now.isBefore(previous.nextAllowed())) {
            log.debug("{} drifted again; next self-heal not before {}", key, previous.nextAllowed());
            return;
        }
        int count = previous == null ? 1 : previous.count() + 1;
        attempts.put(key, new Attempts(count, now.plus(pause(count))));
        try {
            Operation sync = applications.sync(application, List.of(cluster), false, null,
                    new RequestContext(ACTOR, UUID.randomUUID().toString(), null, null));
            log.info("{} drifted: self-heal started operation {} (attempt {})", key, sync.id(), count);
        } catch (RuntimeException e) {
            // another operation is under way (it will re-apply anyway), or the application changed meanwhile
            log.info("{} drifted: no self-heal now ({})", key, e.getMessage());
        }
    }

    /** The target is in sync again: its next drift is healed at once. */
    void healed(String application, String cluster, String namespace) {
        attempts.remove(application + "@" + cluster + "/" + namespace);
    }

    /** The pause after the {@code count}-th attempt in a row. */
    static Duration pause(int count) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(count - 1, 20));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }
}
