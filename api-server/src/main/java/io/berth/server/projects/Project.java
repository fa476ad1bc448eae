package io.berth.server.projects;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A project as the API shows it.
 *
 * @param destinations where its applications may go (an empty list: nowhere)
 * @param templateSets names or globs of the shared template sets it may deploy (null: every shared one); its own
 *                     template sets it may always deploy, other projects' unshared ones never
 * @param quota        its limits (null fields: none)
 * @param version      optimistic-lock version, also the ETag
 */
public record Project(String name, String displayName, String description, Map<String, String> labels,
                      List<Destination> destinations, List<String> templateSets, ProjectQuota quota,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    /** The project of everything that existed before projects; it cannot be deleted. */
    public static final String DEFAULT = "default";
    /** Its id, fixed by the migration that created it. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    /** Whether one of its destinations takes a target on {@code cluster} (with its labels) in {@code namespace}. */
    /** Whether the project may deploy this template set of another project, shared with every project. */
    public boolean mayUseShared(String templateSet) {
        return templateSets == null || templateSets.stream().anyMatch(pattern -> new NamePattern(pattern).matches(templateSet));
    }

    public boolean allows(String cluster, Map<String, String> clusterLabels, String namespace) {
        return destinations.stream().anyMatch(d -> d.allows(cluster, clusterLabels, namespace));
    }

    /**
     * The targets, among those given, that none of its destinations takes. A cluster's labels are looked up
     * once per cluster, and only when a destination selects clusters by label.
     */
    public <T> List<T> outside(List<T> targets, Function<T, String> clusterOf, Function<T, String> namespaceOf,
                               Function<String, Map<String, String>> labelsOf) {
        boolean bySelector = destinations.stream().anyMatch(d -> d.clusterSelector() != null);
        Map<String, Map<String, String>> labels = new HashMap<>();
        return targets.stream()
                .filter(t -> !allows(clusterOf.apply(t),
                        bySelector ? labels.computeIfAbsent(clusterOf.apply(t), labelsOf) : Map.of(), namespaceOf.apply(t)))
                .toList();
    }
}
