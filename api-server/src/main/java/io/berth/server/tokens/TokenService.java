package io.berth.server.tokens;

import io.berth.server.audit.AuditLog;
import io.berth.server.projects.ProjectDirectory;
import io.berth.server.security.Caller;
import io.berth.server.security.Role;
import io.berth.server.security.TokenAuthenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, lists, revokes and checks API tokens. A global token is the platform admin's to manage; a
 * project token (one role in one project) is also its project admins'. A caller who may not manage a
 * token is told it does not exist, as for a name never used.
 */
@Service
public class TokenService implements TokenAuthenticator {

    private final ApiTokenRepository tokens;
    private final RecentlyReadTokens recentlyRead;
    private final ProjectDirectory projects;
    private final AuditLog audit;
    private final Clock clock;

    TokenService(ApiTokenRepository tokens, RecentlyReadTokens recentlyRead, ProjectDirectory projects, AuditLog audit,
                 Clock clock) {
        this.tokens = tokens;
        this.recentlyRead = recentlyRead;
        this.projects = projects;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The caller a token stands for. Reads the token table at most once per {@code berth.tokens.cache-for}
     * for a given token (no transaction, no connection otherwise); the expiry is checked at every call.
     */
    @Override
    public Optional<Caller> authenticate(String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty() || presentedToken.length() > 512) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        return recentlyRead.get(TokenSecrets.hash(presentedToken), hash -> tokens.findByTokenHash(hash)
                        .map(token -> new RecentlyReadTokens.ReadToken(token.getName(), token.getRole(), token.getProjectId(),
                                token.getExpiresAt())))
                .filter(token -> !token.isExpiredAt(now))
                .map(token -> token.projectId() == null ? Caller.token(token.name(), token.role())
                        : Caller.projectToken(token.name(), token.projectId(), token.role()));
    }

    /** A new token; {@code project} null makes a global one (platform admins only). */
    @Transactional
    public CreatedToken create(String name, Role role, String project, Instant expiresAt, Caller creator) {
        requireManagesSome(creator);
        Instant now = Instant.now(clock);
        UUID projectId = project == null ? null : projectManagedBy(creator, project);
        if (projectId == null && !creator.isPlatformAdmin()) {
            throw new AccessDeniedException("Only a platform admin creates global tokens: name a project you administer");
        }
        if (projectId != null && !Role.PROJECT_ROLES.contains(role)) {
            throw InvalidTokenRequestException.notAProjectRole(role);
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw InvalidTokenRequestException.expiryNotInTheFuture();
        }
        if (tokens.existsByName(name)) {
            throw new TokenAlreadyExistsException(name);
        }
        String secret = TokenSecrets.generate();
        ApiTokenEntity saved = save(new ApiTokenEntity(name, role, projectId, TokenSecrets.hash(secret), now,
                creator.name(), expiresAt));
        audit.recordAccessChange(creator.name(), "CreateToken", project, "token '" + name + "', role " + role.value()
                + (expiresAt == null ? "" : ", expires " + expiresAt));
        return new CreatedToken(saved.getName(), saved.getRole(), project, saved.getCreatedAt(), saved.getCreatedBy(),
                saved.getExpiresAt(), secret);
    }

    /** The tokens this caller manages: all for a platform admin, else those of the projects it administers. */
    @Transactional(readOnly = true)
    public List<TokenView> list(Caller caller, String afterName, int limit) {
        requireManagesSome(caller);
        String after = afterName == null ? "" : afterName;
        List<ApiTokenEntity> page;
        if (caller.isPlatformAdmin()) {
            page = tokens.findByNameGreaterThanOrderByNameAsc(after, Limit.of(limit));
        } else {
            Set<UUID> administered = caller.projects().entrySet().stream().filter(e -> e.getValue() == Role.admin)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            page = administered.isEmpty() ? List.of()
                    : tokens.findByProjectIdInAndNameGreaterThanOrderByNameAsc(administered, after, Limit.of(limit));
        }
        return page.stream().map(token -> TokenView.of(token, projectName(token))).toList();
    }

    @Transactional
    public void delete(Caller caller, String name) {
        requireManagesSome(caller);
        ApiTokenEntity token = tokens.findByName(name).filter(found -> manages(caller, found))
                .orElseThrow(() -> new TokenNotFoundException(name));
        tokens.delete(token);
        audit.recordAccessChange(caller.name(), "RevokeToken", projectName(token), "token '" + name + "'");
        // forgotten now and again once committed: a request that read the token meanwhile put it back
        recentlyRead.forget(name);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recentlyRead.forget(name);
            }
        });
    }

    /** Stores the first admin token if there is no token at all. Returns false when tokens exist already. */
    @Transactional
    public boolean bootstrap(String name, String secret) {
        if (tokens.count() > 0) {
            return false;
        }
        save(new ApiTokenEntity(name, Role.admin, null, TokenSecrets.hash(secret), Instant.now(clock), "bootstrap", null));
        return true;
    }

    /** Whether a token still exists and has not expired (a stream ticket issued to it is checked so). */
    @Transactional(readOnly = true)
    public boolean isLive(String name) {
        Instant now = Instant.now(clock);
        return tokens.findByName(name).filter(token -> !token.isExpiredAt(now)).isPresent();
    }

    /** Tokens are for platform admins and project admins; anyone else is refused outright, as before projects. */
    private static void requireManagesSome(Caller caller) {
        if (!caller.isPlatformAdmin() && !caller.projects().containsValue(Role.admin)) {
            throw new AccessDeniedException("Only platform admins and project admins manage tokens");
        }
    }

    private static boolean manages(Caller caller, ApiTokenEntity token) {
        return caller.isPlatformAdmin() || token.getProjectId() != null && caller.may(token.getProjectId(), Role.admin);
    }

    /** The id of a project the creator administers; one it does not see is an unknown project. */
    private UUID projectManagedBy(Caller creator, String project) {
        return projects.requireFor(creator, project, Role.admin).id();
    }

    private String projectName(ApiTokenEntity token) {
        return token.getProjectId() == null ? null : projects.nameOf(token.getProjectId());
    }

    private ApiTokenEntity save(ApiTokenEntity token) {
        try {
            return tokens.saveAndFlush(token);
        } catch (DataIntegrityViolationException raceOnName) {
            throw new TokenAlreadyExistsException(token.getName());
        }
    }
}
