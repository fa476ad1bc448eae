package io.berth.server.resources;

import io.berth.engine.ObjectRef;
import java.util.List;

/**
 * Objects Berth created for an application on a target besides what its revision holds, such as the
 * operators' backup and restore resources: the resource tree shows them after the revision's objects.
 * Implemented by the features that create them, so this package does not reach into their stores.
 */
public interface TargetCompanions {

    /** The companions on one target, oldest first; empty when there are none. */
    List<ObjectRef> of(String application, String cluster, String namespace);
}
