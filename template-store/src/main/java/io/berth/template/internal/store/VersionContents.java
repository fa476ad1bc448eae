package io.berth.template.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.template.ContentKind;
import io.berth.template.HelmContent;
import io.berth.template.SimpleContent;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contents of published versions, kept by version id. A version never changes once published: it
 * can only be deleted, and one published again under the same number is a new row with a new id, so a
 * kept content is never stale, on any replica. A deploy renders its version once per target, and each
 * render loaded the version's whole row (documents, schema, defaults and hints, or its chart) through
 * the entity; now it asks the database only which id the set and number name today.
 */
public final class VersionContents {

    /** Charts count by their size: a few large ones must not push every other version out. */
    private static final long KEPT_BYTES = 64L * 1024 * 1024;

    /** What a render needs of a version: its kind and the content of that kind. */
    public record Content(ContentKind kind, SimpleContent simple, HelmContent helm) {

        static Content of(TemplateVersionEntity stored) {
            return stored.getKind() == ContentKind.Helm
                    ? new Content(ContentKind.Helm, null, stored.helmContent())
                    : new Content(ContentKind.Simple, stored.simpleContent(), null);
        }

        int weight() {
            return helm != null ? helm.chartArchive().length
                    : simple.documents().length() + simple.parametersSchemaJson().length() + 1024;
        }
    }

    private final Cache<UUID, Content> kept = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES).weigher((UUID id, Content content) -> content.weight()).build();
    private final JdbcClient jdbc;

    public VersionContents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The content of the version the set and number name now, loading it with {@code load} (by id) when
     * it is not kept.
     *
     * @return empty when there is no such set or version
     */
    public Optional<Content> find(String setName, String version, Function<UUID, Optional<TemplateVersionEntity>> load) {
        Optional<UUID> id = jdbc.sql("""
                        select v.id from template_version v join template_set s on s.id = v.template_set_id
                        where s.name = :set and v.version = :version""")
                .param("set", setName).param("version", version).query(UUID.class).optional();
        return id.map(found -> kept.get(found, key -> load.apply(key).map(Content::of).orElse(null)));
    }
}
