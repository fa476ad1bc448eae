package io.berth.server.tokens;

import io.berth.server.security.Role;
import io.berth.server.security.TokenAuthenticator;
import io.berth.server.security.TokenPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Creates, lists, revokes and checks API tokens. */
@Service
public class TokenService implements TokenAuthenticator {

    private final ApiTokenRepository tokens;
    private final RecentlyReadTokens recentlyRead;
    private final Clock clock;

    TokenService(ApiTokenRepository tokens, RecentlyReadTokens recentlyRead, Clock clock) {
        this.tokens = tokens;
        this.recentlyRead = recentlyRead;
        this.clock = clock;
    }

    /**
     * The caller a token stands for. Reads the token table at most once per {@code berth.tokens.cache-for}
     * for a given token (no transaction, no connection otherwise); the expiry is checked at every call.
     */
    @Override
    public Optional<TokenPrincipal> authenticate(String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty() || presentedToken.length() > 512) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        return recentlyRead.get(TokenSecrets.hash(presentedToken), hash -> tokens.findByTokenHash(hash)
                        .map(token -> new RecentlyReadTokens.ReadToken(token.getName(), token.getRole(), token.getExpiresAt())))
                .filter(token -> !token.isExpiredAt(now))
                .map(token -> new TokenPrincipal(token.name(), token.role()));
    }

    @Transactional
    public CreatedToken create(String name, Role role, Instant expiresAt, String createdBy) {
        Instant now = Instant.now(clock);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw InvalidTokenRequestException.expiryNotInTheFuture();
        }
        if (tokens.existsByName(name)) {
            throw new TokenAlreadyExistsException(name);
        }
        String secret = TokenSecrets.generate();
        ApiTokenEntity saved = save(new ApiTokenEntity(name, role, TokenSecrets.hash(secret), now, createdBy, expiresAt));
        return new CreatedToken(saved.getName(), saved.getRole(), saved.getCreatedAt(), saved.getCreatedBy(),
                saved.getExpiresAt(), secret);
    }

    @Transactional(readOnly = true)
    public List<TokenView> list(String afterName, int limit) {
        return tokens.findByNameGreaterThanOrderByNameAsc(afterName == null ? "" : afterName, Limit.of(limit))
                .stream().map(TokenView::of).toList();
    }

    @Transactional
    public void delete(String name) {
        ApiTokenEntity token = tokens.findByName(name)
                .orElseThrow(() -> new TokenNotFoundException(name));
        tokens.delete(token);
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
        save(new ApiTokenEntity(name, Role.admin, TokenSecrets.hash(secret), Instant.now(clock), "bootstrap", null));
        return true;
    }

    private ApiTokenEntity save(ApiTokenEntity token) {
        try {
            return tokens.saveAndFlush(token);
        } catch (DataIntegrityViolationException raceOnName) {
            throw new TokenAlreadyExistsException(token.getName());
        }
    }
}
