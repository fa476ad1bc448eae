package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.LabelSelector;
import io.berth.server.projects.Project;
import io.berth.server.testsupport.ApiTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The filters of an application list run in the query: what the database selects with a label selector
 * is exactly what the selector's own matcher would keep, for every kind of requirement.
 */
class ApplicationListFiltersIT extends ApiTestBase {

    @Autowired
    ApplicationStore store;

    @Test
    void theQuerySelectsWhatTheLabelSelectorMatches() {
        String run = unique("lf");
        List<ApplicationRecord> all = new ArrayList<>();
        String[] tiers = {"db", "cache", "web", ""};
        for (int i = 0; i < 24; i++) {
            Map<String, String> labels = new HashMap<>();
            labels.put("run", run);
            labels.put("team", "t" + i % 3);
            if (i % 4 != 3) {
                labels.put("tier", tiers[i % 4 == 2 && i % 8 == 2 ? 3 : i % 4]);
            }
            if (i % 5 == 0) {
                labels.put("gpu", "true");
            }
            ApplicationRecord app = new ApplicationRecord(UUID.randomUUID(), run + "-%02d".formatted(i), "nginx-web", labels,
                    i % 6 == 0 ? ApplicationState.Deleting : ApplicationState.Active, false, 1, null, 0,
                    Instant.EPOCH, "me", Instant.EPOCH, "me", Project.DEFAULT_ID);
            store.insert(app);
            all.add(app);
        }

        for (String selector : List.of("team=t1", "team==t2", "team!=t1", "tier in (db,cache)", "tier in (db)",
                "tier notin (db,web)", "tier in (a,)", "gpu", "!gpu", "!tier", "tier", "team=t0,!gpu,tier notin (cache)",
                "team=nobody", "tier!=")) {
            LabelSelector parsed = LabelSelector.parse("run=" + run + "," + selector);

            assertThat(names(store.page(run, null, null, null, parsed, null, 100)))
                    .as(selector)
                    .containsExactlyElementsOf(names(all.stream().filter(a -> parsed.matches(a.labels())).toList()));
        }
        LabelSelector ofRun = LabelSelector.parse("run=" + run);
        assertThat(names(store.page(run, null, null, null, ofRun, ApplicationState.Deleting, 100)))
                .as("state and labels together")
                .containsExactly(run + "-00", run + "-06", run + "-12", run + "-18");
        assertThat(names(store.page(run + "-10", null, null, null, ofRun, null, 3)))
                .as("after a name, at most the limit")
                .containsExactly(run + "-11", run + "-12", run + "-13");
    }

    @Test
    void anApplicationWithoutTargetsIsReadWithNone() {
        String name = unique("lone");
        ApplicationRecord app = new ApplicationRecord(UUID.randomUUID(), name, "nginx-web", Map.of("a", "b"),
                ApplicationState.Active, false, 1, null, 0, Instant.EPOCH, "me", Instant.EPOCH, "me", Project.DEFAULT_ID);
        store.insert(app);

        ApplicationStore.WithTargets found = store.findWithTargets(name).orElseThrow();

        assertThat(found.application()).isEqualTo(app);
        assertThat(found.targets()).isEmpty();
        assertThat(store.findWithTargets(name + "-none")).isEmpty();
    }

    private static List<String> names(List<ApplicationRecord> apps) {
        return apps.stream().map(ApplicationRecord::name).toList();
    }
}
