package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.berth.cluster.LabelSelector;
import io.berth.server.operations.OperationRunner;
import io.berth.server.operations.OperationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import io.berth.server.projects.Project;
import io.berth.server.projects.ProjectDirectory;
import org.junit.jupiter.api.Test;

/** A page of applications costs the reads of that page, not of a larger batch. */
class ApplicationListPageTest {

    private final ApplicationStore store = mock(ApplicationStore.class);
    private final ApplicationService service = new ApplicationService(store, new RevisionCache(store), mock(OperationStore.class), mock(ApplicationPlanner.class),
            mock(ApplicationLedger.class), mock(OperationRunner.class), mock(ProjectDirectory.class),
            mock(ProjectDestinationCheck.class), mock(ProjectTemplateSetCheck.class));
    private final AtomicInteger viewsBuilt = new AtomicInteger();

    @Test
    void aListWithoutFiltersOfItsOwnReadsTheTargetsOfTheApplicationsOnThePageOnly() {
        storeOf(1000);

        List<ApplicationSummary> page = service.list(java.util.Optional.empty(), null, null, "c07", LabelSelector.EVERYTHING, null, null, "", 51);

        assertThat(page).hasSize(51);
        assertThat(viewsBuilt).hasValue(51);
    }

    @Test
    void aListFilteredByLabelLeavesTheFilterToTheQueryAndReadsThePageOnly() {
        storeOf(1000);

        List<ApplicationSummary> page = service.list(java.util.Optional.empty(), null, null, null, LabelSelector.parse("team=t7"), null, null, "", 51);

        assertThat(page).hasSize(51).allSatisfy(app -> assertThat(app.labels()).containsEntry("team", "t7"));
        assertThat(viewsBuilt).as("one in ten matches; none of the others is read").hasValue(51);
    }

    @Test
    void anApplicationPurgedBetweenReadingItsRowAndItsRevisionIsLeftOutNotAFailure() {
        storeOf(3);
        // the purge commits after the page of rows was read: its revision is gone when revisions are read
        when(store.currentRevisions(anyList())).thenAnswer(call -> {
            Map<UUID, Revision> revisions = new HashMap<>();
            List<UUID> ids = call.getArgument(0);
            ids.subList(1, ids.size()).forEach(id -> revisions.put(id, new Revision(1,
                    new ApplicationSpec("nginx-web", "1.0.0", null, null, null, null, true),
                    "sha256:0", RevisionCause.Deploy, null, UUID.randomUUID(), Instant.EPOCH, "me")));
            return revisions;
        });

        List<ApplicationSummary> page = service.list(java.util.Optional.empty(), null, null, null, LabelSelector.EVERYTHING,
                null, null, "", 50);

        assertThat(page).extracting(ApplicationSummary::name).containsExactly("app-0001", "app-0002");
    }

    /** {@code count} applications app-0000.., labelled team=t0..t9 in turn, each with one revision and no targets. */
    private void storeOf(int count) {
        List<ApplicationRecord> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(new ApplicationRecord(UUID.randomUUID(), "app-%04d".formatted(i), "nginx-web", Map.of("team", "t" + i % 10),
                    ApplicationState.Active, false, 1, null, 0, Instant.EPOCH, "me", Instant.EPOCH, "me", Project.DEFAULT_ID));
        }
        // as the query does: label selector and state applied before the limit
        when(store.page(any(), any(), any(), any(), any(), any(), anyInt())).thenAnswer(call -> {
            String after = call.getArgument(0);
            LabelSelector labels = call.getArgument(4);
            ApplicationState state = call.getArgument(5);
            int limit = call.getArgument(6);
            return all.stream().filter(a -> a.name().compareTo(after) > 0 && labels.matches(a.labels())
                    && (state == null || a.state() == state)).limit(limit).toList();
        });
        when(store.currentRevisions(anyList())).thenAnswer(call -> {
            Map<UUID, Revision> revisions = new HashMap<>();
            List<UUID> ids = call.getArgument(0);
            ids.forEach(id -> revisions.put(id, new Revision(1, new ApplicationSpec("nginx-web", "1.0.0", null, null, null, null, true),
                    "sha256:0", RevisionCause.Deploy, null, UUID.randomUUID(), Instant.EPOCH, "me")));
            return revisions;
        });
        when(store.targetSummaries(anyList())).thenAnswer(call -> {
            List<UUID> ids = call.getArgument(0);
            viewsBuilt.addAndGet(ids.size());
            return Map.of();
        });
    }
}
