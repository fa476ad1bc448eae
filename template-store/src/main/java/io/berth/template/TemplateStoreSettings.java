package io.berth.template;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tunables of the template store, under {@code berth.templates}.
 *
 * @param maxVersionBytes how large a version's content may be (documents, schema and defaults together)
 * @param maxDocuments    how many YAML documents a version may hold
 */
@ConfigurationProperties("berth.templates")
public record TemplateStoreSettings(
        @DefaultValue("1MB") DataSize maxVersionBytes,
        @DefaultValue("200") int maxDocuments) {

    public ContentLimits limits() {
        return new ContentLimits(maxVersionBytes.toBytes(), maxDocuments);
    }
}
