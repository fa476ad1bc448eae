package io.berth.server.backups;

import java.time.Instant;

/**
 * An application's backup schedule: every {@code intervalSeconds}, the operator on each target backs up
 * to {@code location} and keeps the newest {@code maxBackups} objects (0: all).
 */
public record BackupSchedule(String application, String location, int intervalSeconds, int maxBackups, Instant createdAt,
                             String createdBy) {
}
