package io.berth.cluster.internal;

import io.berth.cluster.ClusterStatus;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

/**
 * Row of table {@code cluster}. Status columns are written by {@link io.berth.cluster.internal.probe.ProbeRecorder}
 * only (without touching the optimistic-lock version: a probe must never make a user's If-Match fail).
 */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    private String name;

    private String displayName;
    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cluster_label", joinColumns = @JoinColumn(name = "cluster_id"))
    @MapKeyColumn(name = "label_key")
    @Column(name = "label_value")
    @BatchSize(size = 100)
    private Map<String, String> labels = new HashMap<>();

    private String apiServerUrl;
    private String contextName;
    private boolean allowInsecureTls;
    private boolean allowProxy;

    private String credentialsKeyId;
    private byte[] credentialsNonce;
    private byte[] credentialsCiphertext;
    private int credentialsGeneration;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false, insertable = false)
    private ClusterStatus status;
    @Column(updatable = false, insertable = false)
    private String statusReason;
    @Column(updatable = false, insertable = false)
    private Instant lastProbeAt;
    @Column(updatable = false, insertable = false)
    private Instant lastReadyAt;
    @Column(updatable = false, insertable = false)
    private String serverVersion;
    @Column(updatable = false, insertable = false)
    private Integer nodeCount;

    @Version
    private Long version;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;
    private Instant updatedAt;
    @Column(updatable = false)
    private String createdBy;

    protected ClusterEntity() {
    }

    public ClusterEntity(String name, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.status = ClusterStatus.Pending;
    }

    public void describe(String displayName, String description, Map<String, String> labels, Instant now) {
        this.displayName = displayName;
        this.description = description;
        this.labels = new HashMap<>(labels);
        this.updatedAt = now;
    }

    /** Stores freshly sealed credentials; the generation bump makes cached clients stale. */
    public void setCredentials(String apiServerUrl, String contextName, KubeconfigAllowances allowed,
                               String keyId, byte[] nonce, byte[] ciphertext, Instant now) {
        this.apiServerUrl = apiServerUrl;
        this.contextName = contextName;
        this.allowInsecureTls = allowed.insecureTls();
        this.allowProxy = allowed.proxy();
        this.credentialsKeyId = keyId;
        this.credentialsNonce = nonce;
        this.credentialsCiphertext = ciphertext;
        this.credentialsGeneration++;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getDisplayName() { return displayName; }
    public String getDescription() { return description; }
    public Map<String, String> getLabels() { return labels; }
    public String getApiServerUrl() { return apiServerUrl; }
    public String getContextName() { return contextName; }
    public boolean isAllowInsecureTls() { return allowInsecureTls; }
    public boolean isAllowProxy() { return allowProxy; }
    public String getCredentialsKeyId() { return credentialsKeyId; }
    public byte[] getCredentialsNonce() { return credentialsNonce; }
    public byte[] getCredentialsCiphertext() { return credentialsCiphertext; }
    public int getCredentialsGeneration() { return credentialsGeneration; }
    public ClusterStatus getStatus() { return status == null ? ClusterStatus.Pending : status; }
    public String getStatusReason() { return statusReason; }
    public Instant getLastProbeAt() { return lastProbeAt; }
    public Instant getLastReadyAt() { return lastReadyAt; }
    public String getServerVersion() { return serverVersion; }
    public Integer getNodeCount() { return nodeCount; }
    public long getVersion() { return version == null ? 0 : version; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getCreatedBy() { return createdBy; }
}
