package io.berth.server.timeline;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pages through the timeline, and turns what a reader asked for into a {@link TimelineFilter}. */
@Service
public class TimelineService {

    private final TimelineStore store;
    private final ApplicationClusters applications;

    TimelineService(TimelineStore store, ApplicationClusters applications) {
        this.store = store;
        this.applications = applications;
    }

    /** Newest first, older than {@code beforeId} (null: from the newest). Reads one more than the limit. */
    @Transactional(readOnly = true)
    public List<TimelineEvent> page(TimelineFilter filter, Long beforeId, int limitPlusOne) {
        return store.before(filter, beforeId == null ? Long.MAX_VALUE : beforeId, limitPlusOne);
    }

    /** Oldest first, newer than {@code afterId}: what a stream has not sent yet. */
    @Transactional(readOnly = true)
    public List<TimelineEvent> after(TimelineFilter filter, long afterId, int limit) {
        return store.after(filter, afterId, limit);
    }

    /** How many events newer than {@code afterId} match, counting no further than {@code max + 1}. */
    @Transactional(readOnly = true)
    public int countAfter(TimelineFilter filter, long afterId, int max) {
        return store.countAfter(filter, afterId, max);
    }

    /**
     * Whether everything after {@code afterId} is still kept: false when retention deleted events after
     * it, which a stream resuming from there would never be given.
     */
    @Transactional(readOnly = true)
    public boolean keptAfter(long afterId) {
        return afterId >= store.purgedThrough();
    }

    /** The id of the newest event, 0 when there is none. */
    @Transactional(readOnly = true)
    public long newestId() {
        return store.newestId();
    }

    /**
     * The filter of a reader: every application, or one (then also the events of the clusters it runs
     * on that belong to no application); a cluster; some types.
     *
     * @param mustExist whether an application that does not exist (any more) is an error, as for the
     *                  timeline under its own path; the global timeline still shows a purged one's past
     * @throws TimelineApplicationNotFoundException when {@code mustExist} and there is no such application
     */
    public TimelineFilter filter(String application, boolean mustExist, String cluster, List<String> types) {
        Set<String> clusters = null;
        if (application != null) {
            var known = applications.clustersOf(application);
            if (known.isEmpty() && mustExist) {
                throw new TimelineApplicationNotFoundException(application);
            }
            clusters = known.orElse(null);
        }
        return new TimelineFilter(application, clusters, cluster, types(types));
    }

    private static Set<TimelineEventType> types(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return Set.of();
        }
        Set<TimelineEventType> types = EnumSet.noneOf(TimelineEventType.class);
        for (String entry : requested) {
            for (String name : entry.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                types.add(Arrays.stream(TimelineEventType.values()).filter(t -> t.name().equals(trimmed)).findFirst()
                        .orElseThrow(() -> new InvalidTimelineQueryException("type", "'" + trimmed + "' is no event type; known: "
                                + Arrays.stream(TimelineEventType.values()).map(Enum::name).collect(Collectors.joining(", ")))));
            }
        }
        return types;
    }
}
