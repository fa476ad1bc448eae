/**
 * Backup and restore of applications' data through their operators (the etcd backup and restore operators
 * first): backup locations (S3-compatible stores, credentials sealed), one-shot backups, schedules and
 * restores as operations, and the record of every backup with its object. A template version says how,
 * per workload kind ({@link io.berth.template.BackupHint}).
 */
package io.berth.server.backups;
