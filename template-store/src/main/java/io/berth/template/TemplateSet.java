package io.berth.template;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A template set as callers see it: a named group of immutable versions.
 *
 * @param projectId the project the set belongs to
 * @param shared    whether every project may deploy it, not only its own
 * @param version optimistic-lock version of the editable fields (the API's ETag); publishing or
 *                deleting a version does not change it
 */
public record TemplateSet(
        String name,
        String description,
        Map<String, String> labels,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        long version,
        UUID projectId,
        boolean shared) {
}
