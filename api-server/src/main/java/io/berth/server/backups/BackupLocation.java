package io.berth.server.backups;

import java.time.Instant;

/**
 * Where backups go, as the API shows it: an S3-compatible endpoint, a bucket and a key prefix. The
 * credentials are never shown.
 *
 * @param prefix         the start of every object key written there ({@code ""}: the bucket's root)
 * @param forcePathStyle address the bucket in the path ({@code http://host/bucket/key}), as MinIO and most
 *                       self-hosted stores need, rather than as a host name
 */
public record BackupLocation(String name, String description, String endpoint, String bucket, String prefix, String region,
                             boolean forcePathStyle, Instant createdAt, String createdBy, long version) {
}
