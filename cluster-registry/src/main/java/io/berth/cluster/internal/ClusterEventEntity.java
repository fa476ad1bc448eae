package io.berth.cluster.internal;

import io.berth.cluster.ClusterStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Row of table {@code cluster_event}. Written once, never updated. */
@Entity
@Table(name = "cluster_event")
public class ClusterEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID clusterId;
    private String type;
    @Enumerated(EnumType.STRING)
    private ClusterStatus fromStatus;
    @Enumerated(EnumType.STRING)
    private ClusterStatus toStatus;
    private String reason;
    private Instant occurredAt;

    protected ClusterEventEntity() {
    }

    public ClusterEventEntity(UUID clusterId, String type, ClusterStatus fromStatus, ClusterStatus toStatus,
                              String reason, Instant occurredAt) {
        this.clusterId = clusterId;
        this.type = type;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.reason = reason;
        this.occurredAt = occurredAt;
    }

    public Long getId() { return id; }
    public UUID getClusterId() { return clusterId; }
    public String getType() { return type; }
    public ClusterStatus getFromStatus() { return fromStatus; }
    public ClusterStatus getToStatus() { return toStatus; }
    public String getReason() { return reason; }
    public Instant getOccurredAt() { return occurredAt; }
}
