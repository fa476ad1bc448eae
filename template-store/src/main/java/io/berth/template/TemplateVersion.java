package io.berth.template;

import java.time.Instant;

/**
 * A published version's metadata; the content is read separately (it can be large).
 *
 * @param templateSet the set's name
 * @param version     the semantic version, exactly as published
 * @param digest      {@code sha256:<hex>} of the content ({@link ContentDigest})
 */
public record TemplateVersion(
        String templateSet,
        String version,
        ContentKind kind,
        String changelog,
        String digest,
        Instant createdAt,
        String createdBy) {
}
