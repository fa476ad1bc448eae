package io.berth.server.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling and what they may do: a Berth token (global or of one project) or a person signed in
 * with the organisation's identity provider.
 *
 * @param name     who acts, as recorded in audit and {@code createdBy}: the token's name or the person's user name
 * @param kind     how the caller proved it
 * @param role     the global role, or null when the caller has roles in projects only
 * @param projects the caller's role in each project it belongs to, by project id
 */
public record Caller(String name, Kind kind, Role role, Map<UUID, Role> projects) {

    public enum Kind {
        /** A Berth API token (or a stream ticket issued to one). */
        TOKEN,
        /** A person, by a JWT from the identity provider. */
        USER
    }

    public Caller {
        projects = Map.copyOf(projects);
        if (projects.values().stream().anyMatch(r -> !Role.PROJECT_ROLES.contains(r))) {
            throw new IllegalArgumentException("A project role is viewer, operator or admin");
        }
    }

    /** A global token: today's tokens, and the bootstrap admin. */
    public static Caller token(String name, Role role) {
        return new Caller(name, Kind.TOKEN, role, Map.of());
    }

    /** A project token: a robot account (CI) with one role in one project. */
    public static Caller projectToken(String name, UUID project, Role role) {
        return new Caller(name, Kind.TOKEN, null, Map.of(project, role));
    }

    /** Whether this caller reads every project (a global viewer, operator or admin). */
    public boolean seesEveryProject() {
        return role != null && role.coversEveryProject();
    }

    /** The platform admin: projects, clusters, tokens and audit of everyone. */
    public boolean isPlatformAdmin() {
        return role == Role.admin;
    }

    /** Whether the caller sees this project and what is in it. */
    public boolean sees(UUID project) {
        return seesEveryProject() || projects.containsKey(project);
    }

    /** Whether the caller has at least {@code needed} in this project, globally or as a member. */
    public boolean may(UUID project, Role needed) {
        if (seesEveryProject() && role.includes(needed)) {
            return true;
        }
        Role inProject = projects.get(project);
        return inProject != null && inProject.includes(needed);
    }

    /** The projects whose resources this caller sees; empty when it sees every project. */
    public Optional<Set<UUID>> visibleProjects() {
        return seesEveryProject() ? Optional.empty() : Optional.of(projects.keySet());
    }

    /** The Spring authorities that open endpoints ({@code @PreAuthorize}) to this caller. */
    public List<GrantedAuthority> authorities() {
        Set<GrantedAuthority> all = new LinkedHashSet<>();
        if (role != null) {
            all.addAll(role.globalAuthorities());
        }
        projects.values().forEach(r -> all.addAll(r.projectAuthorities()));
        return new ArrayList<>(all);
    }

    @Override
    public String toString() {
        return name;
    }
}
