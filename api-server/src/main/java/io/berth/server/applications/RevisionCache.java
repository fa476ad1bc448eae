package io.berth.server.applications;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The revisions the read paths showed last, parsed. A revision is never changed once written (a change
 * makes a new one; a purge takes the application's id with it, and ids are never reused), so a kept one
 * is never stale, on any replica. It spares a read of an application (or of a page of them) one query
 * and the parse of each spec. Only views are built from what it keeps: nothing changes a kept revision.
 */
@Component
class RevisionCache {

    /**
     * A few kilobytes each (their values and targets): some tens of megabytes at most. Above the tens of
     * thousands of applications a large Berth holds, so that the current revision of each stays kept.
     */
    private static final int KEPT = 25_000;

    private record Key(UUID application, int number) {
    }

    private final Cache<Key, Revision> kept = Caffeine.newBuilder().maximumSize(KEPT).build();
    private final ApplicationStore store;

    RevisionCache(ApplicationStore store) {
        this.store = store;
    }

    /** The application's current revision. */
    Revision current(ApplicationRecord app) {
        return kept.get(new Key(app.id(), app.currentRevision()),
                key -> store.revision(app.id(), app.currentRevision()).orElseThrow());
    }

    /** The current revision of each application, by id: one query for those not kept. */
    Map<UUID, Revision> current(List<ApplicationRecord> apps) {
        Map<UUID, Revision> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (ApplicationRecord app : apps) {
            Revision revision = kept.getIfPresent(new Key(app.id(), app.currentRevision()));
            if (revision != null) {
                found.put(app.id(), revision);
            } else {
                missing.add(app.id());
            }
        }
        store.currentRevisions(missing).forEach((id, revision) -> {
            kept.put(new Key(id, revision.number()), revision);
            found.put(id, revision);
        });
        return found;
    }
}
