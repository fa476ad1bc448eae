package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A revision read once is not read again: revisions never change. */
class RevisionCacheTest {

    private final ApplicationStore store = mock(ApplicationStore.class);
    private final RevisionCache cache = new RevisionCache(store);
    private final UUID id = UUID.randomUUID();

    @Test
    void anApplicationReadTwiceHasItsRevisionReadOnce() {
        when(store.revision(id, 1)).thenReturn(Optional.of(revision(1)));

        Revision first = cache.current(app(1));
        Revision second = cache.current(app(1));

        assertThat(second).isSameAs(first);
        verify(store, times(1)).revision(id, 1);
    }

    @Test
    void aNewRevisionIsReadAndAPageReadsOnlyTheRevisionsItDoesNotKeep() {
        when(store.revision(id, 1)).thenReturn(Optional.of(revision(1)));
        cache.current(app(1));
        UUID other = UUID.randomUUID();
        when(store.currentRevisions(anyList())).thenAnswer(call -> {
            List<UUID> ids = call.getArgument(0);
            return ids.contains(id) ? Map.of(id, revision(2), other, revision(1)) : Map.of(other, revision(1));
        });

        Map<UUID, Revision> page = cache.current(List.of(app(1), record(other, 1)));
        assertThat(page.get(id).number()).isEqualTo(1);
        verify(store).currentRevisions(List.of(other));

        Map<UUID, Revision> upgraded = cache.current(List.of(app(2)));
        assertThat(upgraded.get(id).number()).as("the application moved to revision 2").isEqualTo(2);
    }

    private ApplicationRecord app(int currentRevision) {
        return record(id, currentRevision);
    }

    private static ApplicationRecord record(UUID id, int currentRevision) {
        return new ApplicationRecord(id, "app-" + id, "nginx-web", Map.of(), ApplicationState.Active, false, currentRevision,
                null, 0, Instant.EPOCH, "me", Instant.EPOCH, "me", io.berth.server.projects.Project.DEFAULT_ID);
    }

    private static Revision revision(int number) {
        return new Revision(number, new ApplicationSpec("nginx-web", "1.0.0", Map.of(), List.of(), null, List.of(), true),
                "sha256:00", RevisionCause.Deploy, null, UUID.randomUUID(), Instant.EPOCH, "me");
    }
}
