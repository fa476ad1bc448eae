package io.berth.server.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One thing that happened, as the timeline and the stream show it.
 *
 * @param id        increases in the order events were committed: the stream resumes after it
 * @param data      the event's details, by type (see docs/portal.md)
 * @param summary   one line for people
 * @param projectId the project of the event's application (null for a cluster's event): who may read it, not shown
 */
public record TimelineEvent(
        @Schema(description = "Increases in commit order; the stream's event id", example = "1842") long id,
        Instant occurredAt,
        @Schema(description = "What happened", example = "HealthChanged") String type,
        @Schema(nullable = true) String application,
        @Schema(nullable = true) String cluster,
        @Schema(nullable = true) String namespace,
        @Schema(nullable = true) UUID operationId,
        @Schema(description = "The event's details; fields depend on the type (docs/portal.md)") Map<String, Object> data,
        @Schema(example = "Progressing → Healthy on sim-a/shop") String summary,
        @JsonIgnore @Schema(hidden = true) UUID projectId) {
}
