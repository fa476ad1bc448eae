package io.berth.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who did what to which application on which clusters, and how it ended; or who changed who may do what
 * (a project, its groups, a token: no application).
 *
 * @param action  e.g. {@code Deploy}, {@code Upgrade}, {@code Cancel}; {@code CreateProject}, {@code UpdateProject},
 *                {@code DeleteProject}, {@code ReplaceProjectGroups}, {@code CreateToken}, {@code RevokeToken}
 * @param project the project of the application (null: it was gone by then), or the project changed (null for
 *                a global token)
 * @param result {@code Accepted} when a request was taken, then the operation's end state
 */
public record AuditRecord(long id, Instant occurredAt, String actor, String action, String project, String application,
                          List<String> clusters, String result, String requestId, UUID operationId, String detail) {
}
