/**
 * Object storage beside the simulated clusters: an S3-compatible server in the JVM, where the simulated
 * backup operators write their backups and the restore operator reads them, as the real ones do with S3.
 */
package io.berth.kubesim.storage;
