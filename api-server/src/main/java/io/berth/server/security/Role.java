package io.berth.server.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do, globally (a token or identity over every project) or within one project.
 *
 * <p>Globally: metrics reads the Prometheus scrape and nothing of the API (a scraper's token); a viewer
 * reads every project; an operator also deploys and scales in every project; an admin is the platform
 * admin (also projects, clusters, tokens and the audit trail); a cluster admin manages the cluster
 * registry and sees no application unless a project role says so.
 *
 * <p>In a project only viewer, operator and admin exist; a project admin manages the project's tokens
 * and members, never the platform's.
 */
public enum Role {
    metrics, viewer, operator, admin,
    @JsonProperty("cluster-admin") clusterAdmin;

    /** The roles a project can give. */
    public static final Set<Role> PROJECT_ROLES = Set.of(viewer, operator, admin);

    /** The roles that read every project's applications when held globally. */
    private static final Set<Role> OVER_EVERY_PROJECT = Set.of(viewer, operator, admin);

    /** The name used in the API and the database ({@code cluster-admin}, not the Java name). */
    public String value() {
        return this == clusterAdmin ? "cluster-admin" : name();
    }

    /** The role of this API or database name. */
    public static Role of(String value) {
        return Arrays.stream(values()).filter(role -> role.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No role '" + value + "'"));
    }

    /** Whether this role, held globally, reads (and, if it includes the role asked, acts in) every project. */
    public boolean coversEveryProject() {
        return OVER_EVERY_PROJECT.contains(this);
    }

    /** Whether this role grants everything {@code other} does. */
    public boolean includes(Role other) {
        return globalAuthorities().containsAll(other.globalAuthorities());
    }

    /** Spring authorities of this role held globally: the role and every role it includes, so that checks need no hierarchy. */
    public List<GrantedAuthority> globalAuthorities() {
        return switch (this) {
            case clusterAdmin -> authorities(metrics, viewer, clusterAdmin);
            case admin -> authorities(metrics, viewer, operator, admin, clusterAdmin);
            default -> authorities(Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).toArray(Role[]::new));
        };
    }

    /**
     * Spring authorities of this role held in a project. They only open the door of an endpoint
     * ({@code @PreAuthorize}); which project's resources it reaches is checked against the caller's projects.
     * A project admin is not a platform admin: it gets no {@code ROLE_ADMIN}.
     */
    public List<GrantedAuthority> projectAuthorities() {
        return switch (this) {
            case viewer -> authorities(viewer);
            case operator, admin -> authorities(viewer, operator);
            default -> throw new IllegalStateException(this + " is not a project role");
        };
    }

    /** {@code ROLE_VIEWER}, {@code ROLE_CLUSTER_ADMIN}, ...: what {@code hasRole('...')} checks. */
    public String authority() {
        return "ROLE_" + value().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static List<GrantedAuthority> authorities(Role... roles) {
        return Arrays.stream(roles).<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }
}
