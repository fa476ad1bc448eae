package io.berth.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.health.Health;
import io.berth.server.status.TargetChanges;
import io.berth.server.status.TrackedTarget;
import io.berth.server.status.TrackedTargets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the status tracker reads between its full refreshes: the targets changed since a mark, from
 * the database's own record of which transaction changed what (V10__target_changes.sql).
 */
class TargetChangesIT extends ApplicationTestBase {

    @Autowired
    private TrackedTargets targets;

    @Test
    void aDeployIsAChangeAndTheTrackersOwnHealthWritesAreNot() {
        String cluster = newCluster("changes");
        String app = unique("web");
        long beforeDeploy = targets.changeMark();
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "web")))));

        List<TrackedTarget> deployed = followed(targets.changedSince(beforeDeploy), app);
        assertThat(deployed).singleElement().satisfies(t -> assertThat(t.cluster()).isEqualTo(cluster));

        long afterDeploy = targets.changeMark();
        assertThat(targets.record(deployed.get(0), Health.Degraded, "looked at by hand", Instant.now())).isTrue();

        assertThat(followed(targets.changedSince(afterDeploy), app)).isEmpty();
    }

    @Test
    void aTargetDroppedByAnUpgradeIsLetGoAndTheOneKeptIsReadAgain() {
        String keep = newCluster("keep");
        String drop = newCluster("drop");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(keep, "web"), target(drop, "web")))));
        UUID id = followed(targets.changedSince(0), app).get(0).applicationId();
        long beforeUpgrade = targets.changeMark();

        awaitSucceeded(accepted(api.patch(APPS + "/" + app, ADMIN_TOKEN, Map.of("targets", List.of(target(keep, "web"))))));

        TargetChanges changes = targets.changedSince(beforeUpgrade);
        assertThat(changes.unfollowed()).contains(new TargetChanges.Unfollowed(id, drop, "web"));
        assertThat(followed(changes, app)).extracting(TrackedTarget::cluster).containsExactly(keep);
    }

    @Test
    void theTargetsOfADeletedApplicationAreLetGo() {
        String cluster = newCluster("deleted");
        String app = unique("web");
        awaitSucceeded(deploy(Map.of("name", app, "templateSet", "nginx-web", "version", "1.0.0",
                "values", Map.of("replicas", 1), "targets", List.of(target(cluster, "web")))));
        UUID id = followed(targets.changedSince(0), app).get(0).applicationId();
        long beforeDelete = targets.changeMark();

        awaitSucceeded(accepted(api.delete(APPS + "/" + app + "?purge=true", ADMIN_TOKEN)));

        TargetChanges changes = targets.changedSince(beforeDelete);
        assertThat(changes.unfollowed()).contains(new TargetChanges.Unfollowed(id, cluster, "web"));
        assertThat(followed(changes, app)).isEmpty();
    }

    private static List<TrackedTarget> followed(TargetChanges changes, String application) {
        return changes.followed().stream().filter(t -> t.application().equals(application)).toList();
    }
}
