package io.berth.engine.drift;

import io.berth.engine.ObjectRef;
import java.util.List;

/**
 * How one applied object differs from what Berth applied: gone altogether, or some of Berth's fields
 * changed.
 */
public record ObjectDrift(ObjectRef object, boolean missing, List<FieldDrift> fields) {

    public ObjectDrift {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static ObjectDrift missing(ObjectRef object) {
        return new ObjectDrift(object, true, List.of());
    }

    /** In words: {@code StatefulSet/web: spec.replicas is 1, Berth applied 3}. */
    public String describe() {
        if (missing) {
            return object.describe() + " was deleted";
        }
        return object.describe() + ": " + String.join(", ", fields.stream()
                .map(f -> f.path() + (f.live() == null ? " was removed" : " is " + f.live()) + ", Berth applied " + f.applied())
                .toList());
    }
}
