package io.berth.server.applications;

import java.time.Instant;
import java.util.UUID;

/**
 * One numbered, immutable change of an application.
 *
 * @param renderedDigest sha256 of every target's rendered objects (replica overrides included)
 * @param rolledBackTo   for a rollback, the revision whose content it deployed again
 * @param operationId    the operation that made it real
 */
public record Revision(int number, ApplicationSpec spec, String renderedDigest, RevisionCause cause,
                       Integer rolledBackTo, UUID operationId, Instant createdAt, String createdBy) {
}
