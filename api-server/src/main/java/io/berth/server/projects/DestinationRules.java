package io.berth.server.projects;

import io.berth.cluster.LabelSelector;
import io.berth.server.domain.Violation;
import java.util.ArrayList;
import java.util.List;

/** What makes a project's destinations and template-set patterns valid; every problem at once. */
final class DestinationRules {

    private DestinationRules() {
    }

    static List<Violation> problems(List<Destination> destinations, List<String> templateSets) {
        List<Violation> problems = new ArrayList<>();
        if (destinations == null) {
            problems.add(new Violation("destinations", "must be given (an empty list allows no target)"));
        } else {
            for (int i = 0; i < destinations.size(); i++) {
                check(destinations.get(i), "destinations[" + i + "]", problems);
            }
        }
        if (templateSets != null) {
            patterns(templateSets, "templateSets", problems);
        }
        return problems;
    }

    private static void check(Destination destination, String field, List<Violation> problems) {
        if (destination == null) {
            problems.add(new Violation(field, "must not be null"));
            return;
        }
        boolean byName = destination.clusters() != null;
        boolean bySelector = destination.clusterSelector() != null;
        if (byName == bySelector) {
            problems.add(new Violation(field, "needs exactly one of clusters and clusterSelector"));
        }
        if (byName) {
            if (destination.clusters().isEmpty()) {
                problems.add(new Violation(field + ".clusters", "must name at least one cluster or glob"));
            }
            patterns(destination.clusters(), field + ".clusters", problems);
        }
        if (bySelector) {
            if (destination.clusterSelector().isBlank()) {
                problems.add(new Violation(field + ".clusterSelector",
                        "must not be blank (to allow every cluster, use \"clusters\": [\"*\"])"));
            } else {
                try {
                    LabelSelector.parse(destination.clusterSelector());
                } catch (IllegalArgumentException e) {
                    problems.add(new Violation(field + ".clusterSelector", e.getMessage()));
                }
            }
        }
        if (destination.namespaces() == null || destination.namespaces().isEmpty()) {
            problems.add(new Violation(field + ".namespaces", "must name at least one namespace or glob"));
        } else {
            patterns(destination.namespaces(), field + ".namespaces", problems);
        }
    }

    private static void patterns(List<String> patterns, String field, List<Violation> problems) {
        for (int i = 0; i < patterns.size(); i++) {
            String problem = NamePattern.problem(patterns.get(i));
            if (problem != null) {
                problems.add(new Violation(field + "[" + i + "]", problem));
            }
        }
    }
}
