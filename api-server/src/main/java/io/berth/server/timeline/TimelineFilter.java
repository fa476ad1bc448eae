package io.berth.server.timeline;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which events a reader wants; a field left null (or empty) does not filter.
 *
 * @param application       events of this application
 * @param clustersOfApplication with {@code application}: also the events of these clusters that belong
 *                          to no application (a cluster lost or regained), so that an application's
 *                          timeline shows what happened to the clusters it runs on
 * @param cluster           events on this cluster
 * @param types             events of these types
 * @param projects          events of applications of these projects, and the clusters' own events (null:
 *                          of every project)
 */
public record TimelineFilter(String application, Set<String> clustersOfApplication, String cluster, Set<TimelineEventType> types,
                             Set<UUID> projects) {

    public TimelineFilter {
        clustersOfApplication = clustersOfApplication == null ? Set.of() : Set.copyOf(clustersOfApplication);
        types = types == null ? Set.of() : Set.copyOf(types);
        projects = projects == null ? null : Set.copyOf(projects);
    }

    public TimelineFilter(String application, Set<String> clustersOfApplication, String cluster, Set<TimelineEventType> types) {
        this(application, clustersOfApplication, cluster, types, null);
    }

    public static TimelineFilter everything() {
        return new TimelineFilter(null, null, null, null);
    }

    /** The same filter, keeping only the events a caller who sees {@code visible} (empty: every project) may read. */
    public TimelineFilter visibleIn(Optional<Set<UUID>> visible) {
        return new TimelineFilter(application, clustersOfApplication, cluster, types, visible.orElse(null));
    }

    /** The same test as the store's query, for events already read (the live stream). */
    public boolean matches(TimelineEvent event) {
        if (application != null && !application.equals(event.application())
                && !(event.application() == null && event.cluster() != null && clustersOfApplication.contains(event.cluster()))) {
            return false;
        }
        if (cluster != null && !cluster.equals(event.cluster())) {
            return false;
        }
        if (projects != null && event.application() != null && !projects.contains(event.projectId())) {
            return false;
        }
        return types.isEmpty() || types.stream().anyMatch(t -> t.name().equals(event.type()));
    }
}
