package io.berth.server.backups;

import java.time.Instant;
import java.util.UUID;

/**
 * One backup of one workload on one target, as the API shows it.
 *
 * @param workload    {@code Kind/name} of the workload backed up, e.g. {@code EtcdCluster/example-etcd-cluster}
 * @param resource    the operator's custom resource that took it ({@code EtcdBackup/<name>})
 * @param objectKey   the object's key in the location's bucket
 * @param scheduled   taken by the application's schedule rather than by a one-shot request
 * @param revision    the data's revision the backup holds, as the operator reports it (etcd's revision)
 * @param sizeBytes   the object's size, where known (the etcd operator does not report it: null)
 * @param operationId the operation that took it (null for a scheduled backup)
 */
public record Backup(UUID id, String application, String cluster, String namespace, String workload, String location,
                     String objectKey, boolean scheduled, Long revision, Long sizeBytes, BackupState state, String reason,
                     String resource, UUID operationId, Instant startedAt, Instant finishedAt) {

    /** Where a backup stands. */
    public enum BackupState {
        /** The operator is taking it. */
        Running,
        /** Its object was written. */
        Succeeded,
        /** The operator failed; {@code reason} says why in its words. */
        Failed,
        /** The operator deleted its object to keep the schedule's {@code maxBackups}. */
        Pruned
    }
}
