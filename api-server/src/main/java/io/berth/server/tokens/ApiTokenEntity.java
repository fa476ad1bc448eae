package io.berth.server.tokens;

import io.berth.server.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Row of table {@code api_token}: a token's hash, never the token. */
@Entity
@Table(name = "api_token")
class ApiTokenEntity {

    @Id
    private UUID id;
    @Column(nullable = false, unique = true, updatable = false)
    private String name;
    @Convert(converter = RoleColumn.class)
    private Role role;
    /** The project of a project token; null for a global token. */
    @Column(updatable = false)
    private UUID projectId;
    @Column(nullable = false, updatable = false)
    private String tokenHash;
    private Instant createdAt;
    private String createdBy;
    private Instant expiresAt;

    protected ApiTokenEntity() {
    }

    ApiTokenEntity(String name, Role role, UUID projectId, String tokenHash, Instant createdAt, String createdBy, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.role = role;
        this.projectId = projectId;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    boolean isExpiredAt(Instant now) {
        return hasExpired(expiresAt, now);
    }

    /** Whether a token with this expiry (null: none) has expired at {@code now}: from its expiry on. */
    static boolean hasExpired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    String getName() { return name; }
    Role getRole() { return role; }
    UUID getProjectId() { return projectId; }
    Instant getCreatedAt() { return createdAt; }
    String getCreatedBy() { return createdBy; }
    Instant getExpiresAt() { return expiresAt; }
}
