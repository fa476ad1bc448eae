package io.berth.server.applications;

import io.berth.cluster.ClusterRegistry;
import io.berth.server.domain.Violation;
import io.berth.server.domain.DestinationNotAllowedException;
import io.berth.server.projects.ProjectDirectory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses a change whose targets lie outside the destinations of the application's project, before
 * anything is written: a deploy, upgrade or rollback (all the revision's targets) and a scale (the targets
 * it scales). A sync (the same revision again) and a delete are not checked, so a change of a project's
 * destinations never moves or stops what already runs, and what was left outside can still be put back
 * as it was or removed.
 */
@Component
class ProjectDestinationCheck {

    private final ClusterRegistry clusters;

    ProjectDestinationCheck(ClusterRegistry clusters) {
        this.clusters = clusters;
    }

    /**
     * @param resolved the revision's targets, explicit and from the selector
     * @param explicit the targets as the request listed them, to name a refused one by its place ({@code targets[1]})
     */
    void requireAllowed(ProjectDirectory.Found project, List<Target> resolved, List<Target> explicit) {
        List<Violation> refused = new ArrayList<>();
        for (Target target : project.project().outside(resolved, Target::cluster, Target::namespace,
                name -> clusters.get(name).labels())) {
            refused.add(new Violation(field(target, explicit), "cluster '" + target.cluster() + "', namespace '"
                    + target.namespace() + "' is outside the destinations of project '" + project.project().name() + "'"));
        }
        if (!refused.isEmpty()) {
            throw new DestinationNotAllowedException(project.project().name(), refused);
        }
    }

    private static String field(Target target, List<Target> explicit) {
        for (int i = 0; i < explicit.size(); i++) {
            if (explicit.get(i).cluster().equals(target.cluster()) && explicit.get(i).namespace().equals(target.namespace())) {
                return "targets[" + i + "]";
            }
        }
        return target.fromSelector() ? "clusterSelector" : "targets";
    }
}
