package io.berth.server.backups;

import io.berth.engine.Workloads;
import io.berth.template.BackupHint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What a backup or restore resource's status says, read through the paths its declaration gives.
 *
 * @param reason   the operator's reason when it failed, else null
 * @param revision the revision backed up, when the declaration names where it is
 * @param finished when the (last) backup was taken, when the declaration names where it is
 */
record OperatorStatus(boolean succeeded, String reason, Long revision, Instant finished) {

    static OperatorStatus of(Map<String, Object> live, BackupHint.BackupResource declared) {
        Object succeeded = Workloads.valueAt(live, declared.succeededPath());
        Object reason = Workloads.valueAt(live, declared.reasonPath());
        Object revision = declared.revisionPath() == null ? null : Workloads.valueAt(live, declared.revisionPath());
        Object finished = declared.finishedPath() == null ? null : Workloads.valueAt(live, declared.finishedPath());
        return new OperatorStatus(Boolean.TRUE.equals(succeeded) || "true".equals(succeeded),
                reason == null || reason.toString().isBlank() ? null : reason.toString(),
                revision instanceof Number n ? Long.valueOf(n.longValue()) : parseLong(revision), instant(finished));
    }

    /** The operator has said how it went (a success may come with a stale reason cleared; a failure has one). */
    boolean decided() {
        return succeeded || reason != null;
    }

    private static Long parseLong(Object value) {
        try {
            return value == null ? null : Long.valueOf(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        try {
            return value == null ? null : Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
