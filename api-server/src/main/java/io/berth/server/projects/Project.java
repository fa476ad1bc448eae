package io.berth.server.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project as the API shows it.
 *
 * @param destinations where its applications may go (an empty list: nowhere)
 * @param templateSets names or globs of the template sets of other projects it may deploy, beside its own and
 *                     those shared with all; null: any
 * @param quota        its limits (null fields: none)
 * @param version      optimistic-lock version, also the ETag
 */
public record Project(String name, String displayName, String description, Map<String, String> labels,
                      List<Destination> destinations, List<String> templateSets, ProjectQuota quota,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    /** The project of everything that existed before projects; it cannot be deleted. */
    public static final String DEFAULT = "default";
}
