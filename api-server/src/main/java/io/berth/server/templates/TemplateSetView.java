package io.berth.server.templates;

import io.berth.template.TemplateSet;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A template set as the API shows it: the store's set, with its project by name.
 *
 * @param project the project the set belongs to
 * @param shared  whether every project may deploy it, not only its own
 * @param version optimistic-lock version of the editable fields (the ETag)
 */
@Schema(name = "TemplateSet", description = "A named group of immutable template versions, in one project")
record TemplateSetView(String name, String description, Map<String, String> labels, String project, boolean shared,
                       Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

    static TemplateSetView of(TemplateSet set, String project) {
        return new TemplateSetView(set.name(), set.description(), set.labels(), project, set.shared(), set.createdAt(),
                set.createdBy(), set.updatedAt(), set.updatedBy(), set.version());
    }
}
