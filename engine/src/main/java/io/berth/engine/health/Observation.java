package io.berth.engine.health;

import io.berth.engine.ObjectRef;
import java.util.Map;
import java.util.Objects;

/**
 * What was seen of one applied object at one moment, and how the judge found it.
 *
 * @param live the object as seen, or {@code null} when it is missing
 */
public record Observation(ObjectRef ref, Assessment assessment, Map<String, Object> live) {

    public Observation {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(assessment, "assessment");
    }

    public static Observation missing(ObjectRef ref) {
        return new Observation(ref, Assessment.missing(), null);
    }

    public Health health() {
        return assessment.health();
    }
}
