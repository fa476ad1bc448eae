package io.berth.server.applications;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterNotFoundException;
import io.berth.cluster.ClusterQuery;
import io.berth.cluster.ClusterRegistry;
import io.berth.cluster.ClusterStatus;
import io.berth.cluster.LabelSelector;
import io.berth.cluster.Page;
import io.berth.server.domain.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns the explicit targets and the cluster selector of a spec into the list of targets to deploy
 * to, checking that every cluster exists and accepts Berth's credentials. Violations are collected, not
 * thrown one by one, so a request learns everything that is wrong with it at once.
 */
@Component
class TargetResolver {

    private static final int PAGE = 200;

    private final ClusterRegistry clusters;

    TargetResolver(ClusterRegistry clusters) {
        this.clusters = clusters;
    }

    /** The resolved targets (explicit ones first, a selected cluster already named explicitly is skipped). */
    List<Target> resolve(List<Target> explicit, ClusterSelectorSpec selector, List<Violation> violations) {
        Map<String, Target> resolved = new LinkedHashMap<>();
        for (int i = 0; i < explicit.size(); i++) {
            Target target = explicit.get(i);
            String field = "targets[" + i + "]";
            if (resolved.containsKey(target.key())) {
                violations.add(new Violation(field, "names " + target.key() + " a second time"));
                continue;
            }
            if (checkCluster(target.cluster(), field + ".cluster", violations)) {
                resolved.put(target.key(), target);
            }
        }
        if (selector != null) {
            for (Cluster cluster : selected(selector.labelSelector(), violations)) {
                Target target = new Target(cluster.name(), selector.namespace(), selector.values(), true);
                if (!resolved.containsKey(target.key())
                        && checkCluster(cluster.name(), "clusterSelector (cluster " + cluster.name() + ")", violations)) {
                    resolved.put(target.key(), target);
                }
            }
        }
        if (resolved.isEmpty() && violations.isEmpty()) {
            violations.add(new Violation("targets", selector == null
                    ? "give at least one target or a clusterSelector" : "the clusterSelector selects no registered cluster"));
        }
        return List.copyOf(resolved.values());
    }

    Cluster cluster(String name) {
        return clusters.get(name);
    }

    private boolean checkCluster(String name, String field, List<Violation> violations) {
        try {
            Cluster cluster = clusters.get(name);
            if (cluster.status() == ClusterStatus.Unauthorized) {
                violations.add(new Violation(field, "cluster '" + name + "' refuses Berth's credentials ("
                        + cluster.statusReason() + "); rotate them first"));
                return false;
            }
            return true;
        } catch (ClusterNotFoundException missing) {
            violations.add(new Violation(field, "no cluster named '" + name + "' is registered"));
            return false;
        }
    }

    private List<Cluster> selected(String text, List<Violation> violations) {
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("clusterSelector.labelSelector", e.getMessage()));
            return List.of();
        }
        List<Cluster> matched = new ArrayList<>();
        String after = null;
        do {
            Page<Cluster> page = clusters.list(new ClusterQuery(selector, null, PAGE, after));
            matched.addAll(page.items());
            after = page.lastKey();
        } while (after != null);
        return matched;
    }
}
