package io.berth.server.status;

import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.CustomHealthRule;
import io.berth.engine.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the tracker needs of the applications, and nothing more: the targets to follow, the health
 * rules of a revision, the objects as Berth applied them, and places to record a target's health and
 * drift. Implemented by the applications feature, so that this package never reaches into its store.
 */
public interface TrackedTargets {

    /** Every target followed now. */
    List<TrackedTarget> all();

    /**
     * A mark to ask {@link #changedSince} from. Taken before a read (of all targets, or of changes), it
     * makes the next {@code changedSince(mark)} return everything that read may not have seen.
     */
    long changeMark();

    /** The targets that changed since the mark (some may not have changed: a change is never left out). */
    TargetChanges changedSince(long mark);

    /** Forgets which targets were removed before this time (a tracker that far behind reads all targets again). */
    void forgetRemovalsBefore(Instant before);

    /** The template's health rules by kind for a revision of an application (empty when it gives none). */
    Map<String, CustomHealthRule> rules(UUID applicationId, int revision);

    /**
     * Records a target's health; {@code since} moves only when the health itself changes.
     *
     * @return whether a row was written
     */
    boolean record(TrackedTarget target, Health health, String reason, Instant now);

    /** The objects of the target's revision exactly as Berth applied them there (rendered and stamped). */
    List<DesiredObject> desired(TrackedTarget target);

    /**
     * Records the target's drift (empty: none) while its revision is still the applied and current one.
     *
     * @return whether a row was written
     */
    boolean recordDrift(TrackedTarget target, List<ObjectDrift> drift, Instant now);

    /** The target was found drifted (again): an application that heals itself re-applies its revision. */
    void drifted(TrackedTarget target);
}
