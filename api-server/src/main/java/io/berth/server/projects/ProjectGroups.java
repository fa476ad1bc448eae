package io.berth.server.projects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.berth.server.audit.AuditLog;
import io.berth.server.domain.InvalidRequestException;
import io.berth.server.domain.Violation;
import io.berth.server.security.GroupRoles;
import io.berth.server.security.OidcSettings;
import io.berth.server.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity provider's groups bound to roles in projects: those a project's admins set through the
 * API (table {@code project_group}) and those of Berth's configuration ({@code berth.oidc.bindings}).
 * What a set of groups gives is kept for a few seconds, as tokens are: a signed-in person's every request
 * then needs no query. A change made here is seen at once here, and within those seconds elsewhere.
 */
@Component
public class ProjectGroups implements GroupRoles {

    /** A group and the role its members have in the project. */
    public record GroupBinding(String group, Role role, Instant createdAt, String createdBy) {
    }

    static final int MAX_GROUPS = 200;
    private static final Duration KEPT_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ProjectDirectory projects;
    private final OidcSettings settings;
    private final Clock clock;
    private final Cache<Set<String>, Map<UUID, Role>> recentlyResolved =
            Caffeine.newBuilder().expireAfterWrite(KEPT_FOR).maximumSize(10_000).build();

    ProjectGroups(JdbcClient jdbc, ProjectDirectory projects, OidcSettings settings, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.projects = projects;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Map<UUID, Role> inProjects(Collection<String> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        return recentlyResolved.get(new TreeSet<>(groups), this::resolve);
    }

    private Map<UUID, Role> resolve(Set<String> groups) {
        Map<UUID, Role> roles = new HashMap<>();
        for (OidcSettings.Binding binding : settings.bindings()) {
            if (binding.project() != null && groups.contains(binding.group())) {
                // a binding to a project that does not exist (yet) gives nothing
                projects.find(binding.project()).ifPresent(found -> roles.merge(found.id(), binding.role(), ProjectGroups::higher));
            }
        }
        jdbc.sql("select project_id, role from project_group where group_name in (:groups)").param("groups", groups)
                .query((rs, n) -> Map.entry(rs.getObject("project_id", UUID.class), Role.of(rs.getString("role"))))
                .list().forEach(entry -> roles.merge(entry.getKey(), entry.getValue(), ProjectGroups::higher));
        return Map.copyOf(roles);
    }

    private static Role higher(Role a, Role b) {
        return a.includes(b) ? a : b;
    }

    /** The project's bindings set through the API, by group name. */
    public List<GroupBinding> of(UUID project) {
        return jdbc.sql("select group_name, role, created_at, created_by from project_group where project_id = :project"
                        + " order by group_name")
                .param("project", project)
                .query((rs, n) -> new GroupBinding(rs.getString("group_name"), Role.of(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** Replaces the project's bindings with these; a binding kept as it was keeps when and by whom it was made. */
    @Transactional
    public List<GroupBinding> replace(UUID project, List<GroupRequest> wanted, String by) {
        requireValid(wanted);
        Map<String, GroupBinding> before = new HashMap<>();
        of(project).forEach(binding -> before.put(binding.group(), binding));
        jdbc.sql("delete from project_group where project_id = :project").param("project", project).update();
        Instant now = Instant.now(clock);
        for (GroupRequest binding : wanted) {
            GroupBinding kept = before.get(binding.group());
            boolean same = kept != null && kept.role() == binding.role();
            jdbc.sql("""
                            insert into project_group (project_id, group_name, role, created_at, created_by)
                            values (:project, :group, :role, :at, :by)""")
                    .param("project", project).param("group", binding.group()).param("role", binding.role().value())
                    .param("at", Timestamp.from(same ? kept.createdAt() : now)).param("by", same ? kept.createdBy() : by)
                    .update();
        }
        recentlyResolved.invalidateAll();
        audit.recordAccessChange(by, "ReplaceProjectGroups", projects.nameOf(project), wanted.stream()
                .map(binding -> binding.group() + "=" + binding.role().value()).collect(Collectors.joining(", ")));
        return of(project);
    }

    /** A binding as a request gives it. */
    public record GroupRequest(String group, Role role) {
    }

    private static void requireValid(List<GroupRequest> wanted) {
        List<Violation> violations = new ArrayList<>();
        if (wanted.size() > MAX_GROUPS) {
            violations.add(new Violation("groups", "at most " + MAX_GROUPS + " groups"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            GroupRequest binding = wanted.get(i);
            String field = "groups[" + i + "]";
            if (binding == null || binding.group() == null || binding.group().isBlank() || binding.group().length() > 255) {
                violations.add(new Violation(field + ".group", "must be a group name of 1 to 255 characters"));
            } else if (!seen.add(binding.group())) {
                violations.add(new Violation(field + ".group", "'" + binding.group() + "' is listed twice"));
            }
            if (binding != null && (binding.role() == null || !Role.PROJECT_ROLES.contains(binding.role()))) {
                violations.add(new Violation(field + ".role", "must be viewer, operator or admin"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidGroupsException(violations);
        }
    }

    static final class InvalidGroupsException extends InvalidRequestException {
        InvalidGroupsException(List<Violation> violations) {
            super("The groups are not valid", violations);
        }
    }
}
