package io.berth.server.applications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An application's row. */
public record ApplicationRecord(UUID id, String name, String templateSet, Map<String, String> labels,
                                ApplicationState state, boolean selfHeal, int currentRevision, UUID activeOperationId, long version,
                                Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                                UUID projectId) {
}
