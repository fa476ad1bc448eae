package io.berth.template.internal.store;

import io.berth.template.ContentKind;
import java.time.Instant;

/** A version's columns without its content, read by a projection so that lists never load content. */
public record VersionSummary(String version, ContentKind kind, String changelog, String digest, Instant createdAt,
                             String createdBy) {
}
