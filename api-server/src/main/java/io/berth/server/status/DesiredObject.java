package io.berth.server.status;

import io.berth.engine.ObjectRef;
import java.util.Map;

/** One object of a target as Berth applied it: where it is, and its content with Berth's stamps. */
public record DesiredObject(ObjectRef ref, Map<String, Object> applied) {
}
