package io.berth.template.internal.store;

import io.berth.template.ContentKind;
import io.berth.template.HelmContent;
import io.berth.template.SimpleContent;
import java.util.Map;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

/**
 * Row of table {@code template_version}. Immutable: inserted once, deleted, never updated. A
 * {@code Simple} version fills documents, schema, defaults and hints; {@code Helm} version fills {@code chart}, the schema (its values.schema.json) and
 * the defaults (its values.yaml).
 */
@Entity
@Immutable
@Table(name = "template_version")
public class TemplateVersionEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false)
    private UUID templateSetId;

    @Column(nullable = false)
    private String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ContentKind kind;

    private String changelog;

    @Column(columnDefinition = "text")
    private String documents;
    @Column(columnDefinition = "text")
    private String parametersSchema;
    @Column(columnDefinition = "text")
    private String defaults;
    @Column(columnDefinition = "text")
    private String hints;
    private byte[] chart;

    @Column(nullable = false)
    private String digest;

    @Column(nullable = false)
    private Instant createdAt;
    private String createdBy;

    /** The id is assigned here, so Spring Data cannot tell a new row by it: without this, save would merge (select, then insert). */
    @Transient
    private boolean isNew;

    protected TemplateVersionEntity() {
    }

    /** A {@code Simple} version of the set, with its content in JSON columns. */
    public static TemplateVersionEntity simple(UUID templateSetId, String version, String changelog, SimpleContent content,
                                               String digest, String createdBy, Instant now) {
        TemplateVersionEntity entity = new TemplateVersionEntity();
        entity.id = UUID.randomUUID();
        entity.templateSetId = templateSetId;
        entity.version = version;
        entity.kind = ContentKind.Simple;
        entity.changelog = changelog;
        entity.documents = content.documents();
        entity.parametersSchema = content.parametersSchemaJson();
        entity.defaults = ContentColumns.writeDefaults(content.defaults());
        entity.hints = ContentColumns.writeHints(content.hints());
        entity.digest = digest;
        entity.createdBy = createdBy;
        entity.createdAt = now;
        entity.isNew = true;
        return entity;
    }

    /**
     * A {@code Helm} version of the set: the archive as published, with the chart's
     * {@code values.schema.json} (may be null) and the defaults of its {@code values.yaml}.
     */
    public static TemplateVersionEntity helm(UUID templateSetId, String version, String changelog, HelmContent chart,
                                             String valuesSchemaJson, Map<String, Object> defaults, String digest,
                                             String createdBy, Instant now) {
        TemplateVersionEntity entity = new TemplateVersionEntity();
        entity.id = UUID.randomUUID();
        entity.templateSetId = templateSetId;
        entity.version = version;
        entity.kind = ContentKind.Helm;
        entity.changelog = changelog;
        entity.chart = chart.chartArchive();
        entity.parametersSchema = valuesSchemaJson;
        entity.defaults = ContentColumns.writeDefaults(defaults);
        entity.digest = digest;
        entity.createdBy = createdBy;
        entity.createdAt = now;
        entity.isNew = true;
        return entity;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    /** @throws IllegalStateException when the version is not {@code Simple} */
    public SimpleContent simpleContent() {
        if (kind != ContentKind.Simple) {
            throw new IllegalStateException("version " + version + " is a " + kind + " version, not Simple");
        }
        return new SimpleContent(documents, parametersSchema, ContentColumns.readDefaults(defaults),
                ContentColumns.readHints(hints));
    }

    /** @throws IllegalStateException when the version is not {@code Helm} */
    public HelmContent helmContent() {
        if (kind != ContentKind.Helm) {
            throw new IllegalStateException("version " + version + " is a " + kind + " version, not Helm");
        }
        return new HelmContent(chart);
    }

    @Override
    public UUID getId() { return id; }
    public UUID getTemplateSetId() { return templateSetId; }
    public String getVersion() { return version; }
    public ContentKind getKind() { return kind; }
    public String getChangelog() { return changelog; }
    public String getDigest() { return digest; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
}
