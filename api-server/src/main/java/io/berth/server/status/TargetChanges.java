package io.berth.server.status;

import java.util.List;
import java.util.UUID;

/**
 * What changed in the targets since a mark: targets followed now (new, or changed: a revision applied,
 * an operation begun or ended, self-heal switched), and targets no longer followed (uninstalled, their
 * application deleted or purged).
 */
public record TargetChanges(List<TrackedTarget> followed, List<Unfollowed> unfollowed) {

    public TargetChanges {
        followed = List.copyOf(followed);
        unfollowed = List.copyOf(unfollowed);
    }

    public boolean isEmpty() {
        return followed.isEmpty() && unfollowed.isEmpty();
    }

    /** A target no longer followed, by its application's id (a purged application has no name left to read). */
    public record Unfollowed(UUID applicationId, String cluster, String namespace) {

        static Unfollowed of(TrackedTarget target) {
            return new Unfollowed(target.applicationId(), target.cluster(), target.namespace());
        }
    }
}
