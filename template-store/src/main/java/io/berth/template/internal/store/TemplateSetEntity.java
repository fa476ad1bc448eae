package io.berth.template.internal.store;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/** Row of table {@code template_set}. Its versions are rows of {@code template_version}, not mapped here. */
@Entity
@Table(name = "template_set")
public class TemplateSetEntity {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    private String name;

    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "template_set_label", joinColumns = @JoinColumn(name = "template_set_id"))
    @MapKeyColumn(name = "label_key")
    @Column(name = "label_value")
    @BatchSize(size = 100)
    private Map<String, String> labels = new HashMap<>();

    /** The project the set belongs to (the HTTP API's); this module keeps the id only. */
    @Column(nullable = false, updatable = false)
    private UUID projectId;

    /** Whether every project may deploy the set, not only its own. */
    private boolean shared;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;
    @Column(updatable = false)
    private String createdBy;
    @Column(nullable = false)
    private Instant updatedAt;
    private String updatedBy;

    protected TemplateSetEntity() {
    }

    public TemplateSetEntity(String name, UUID projectId, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.projectId = projectId;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedBy = createdBy;
        this.updatedAt = now;
    }

    public void describe(String description, Map<String, String> labels, boolean shared, String updatedBy, Instant now) {
        this.description = description;
        this.shared = shared;
        this.labels = new HashMap<>(labels);
        this.updatedBy = updatedBy;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public Map<String, String> getLabels() { return labels; }
    public UUID getProjectId() { return projectId; }
    public boolean isShared() { return shared; }
    public long getVersion() { return version == null ? 0 : version; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
