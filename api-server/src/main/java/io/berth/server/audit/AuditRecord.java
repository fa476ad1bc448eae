package io.berth.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who did what to which application on which clusters, and how it ended.
 *
 * @param action  e.g. {@code Deploy}, {@code Upgrade}, {@code Cancel}
 * @param project the project of the application when the record was written (null: it was gone by then)
 * @param result {@code Accepted} when a request was taken, then the operation's end state
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, String project, String application,
                          List<String> clusters, String result, String requestId, UUID operationId, String detail) {
}
