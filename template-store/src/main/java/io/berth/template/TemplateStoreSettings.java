package io.berth.template;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tunables of the template store, under {@code berth.templates}.
 *
 * @param maxVersionBytes how large a version's content may be (documents, schema and defaults together)
 * @param maxDocuments    how many YAML documents a version may hold
 * @param helm            how Helm's worker processes are bounded ({@code berth.templates.helm.*})
 */
@ConfigurationProperties("berth.templates")
public record TemplateStoreSettings(
        @DefaultValue("1MB") DataSize maxVersionBytes,
        @DefaultValue("200") int maxDocuments,
        @DefaultValue Helm helm) {

    public ContentLimits limits() {
        return new ContentLimits(maxVersionBytes.toBytes(), maxDocuments);
    }

    /**
     * {@code berth.templates.helm.*}; see {@link HelmLimits}.
     *
     * @param timeout     how long one render or lint may take
     * @param memory      how much memory one worker may hold
     * @param maxOutput   how many bytes of manifests one render may give back
     * @param workers     how many workers may run at once
     * @param idleTimeout how long an idle worker is kept
     */
    public record Helm(
            @DefaultValue("20s") Duration timeout,
            @DefaultValue("256MB") DataSize memory,
            @DefaultValue("4MB") DataSize maxOutput,
            @DefaultValue("2") int workers,
            @DefaultValue("2m") Duration idleTimeout) {

        public HelmLimits limits() {
            return new HelmLimits(timeout, memory.toBytes(), maxOutput.toBytes(), workers, idleTimeout);
        }
    }
}
