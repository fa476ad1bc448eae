package io.berth.template;

/**
 * How a workload kind is backed up and restored through its operator, as a version declares it (the
 * etcd operator's EtcdBackup and EtcdRestore, for an EtcdCluster): the custom resources to create and
 * how to read their status. Each resource is a template rendered with the application's values and the
 * built-ins, including {@code berth.backup.*} (see {@link BuiltIns#backup()}).
 *
 * @param storage   where the operator writes: {@code S3} (an S3-compatible object store) is the one kind Berth
 *                  delivers credentials for
 * @param oneShot   the resource that takes one backup to {@code berth.backup.path}
 * @param scheduled the resource that backs up every {@code berth.backup.intervalSeconds} and keeps
 *                  {@code berth.backup.maxBackups}; {@code null} when the operator cannot schedule
 * @param restore   the resource that rebuilds the workload from the backup at {@code berth.backup.path}
 */
public record BackupHint(String storage, BackupResource oneShot, BackupResource scheduled, BackupResource restore) {

    public static final String S3 = "S3";

    /**
     * One custom resource of the backup operator and how to read its outcome. Paths are dotted paths
     * into the object, such as {@code status.succeeded}.
     *
     * @param template      YAML of one document, with placeholders
     * @param succeededPath {@code true} there means the backup (or restore) succeeded
     * @param reasonPath    a non-empty text there means it failed, and says why
     * @param revisionPath  the data's revision the backup holds (its identity besides the object); optional
     * @param finishedPath  when the (last) backup was taken, RFC 3339; optional
     * @param objectKey     (scheduled backups) the key of each object written, from {@code {key}} (the key of
     *                      {@code berth.backup.path}), {@code {revision}} and {@code {finished:<pattern>}}
     *                      (a {@link java.time.format.DateTimeFormatter} pattern, in UTC)
     */
    public record BackupResource(String template, String succeededPath, String reasonPath, String revisionPath,
                                 String finishedPath, String objectKey) {
    }
}
