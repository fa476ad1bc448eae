package io.berth.server.tokens;

import io.berth.server.security.Role;
import io.berth.server.security.StreamTicketRedeemer;
import io.berth.server.security.TokenPrincipal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stream tickets: what a browser's EventSource shows instead of a token. A ticket stands for the token
 * that asked for it (same name, same role), works once, for a short time, and only while that token is
 * still valid. Kept in Postgres (as a hash), so that any Berth instance can take a ticket another issued.
 */
@Service
public class StreamTicketService implements StreamTicketRedeemer {

    /** What a caller gets: the ticket, shown once, and until when it can be used. */
    public record IssuedTicket(String ticket, Instant expiresAt) {
    }

    private static final String PREFIX = "bst_";

    private final JdbcClient jdbc;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    StreamTicketService(JdbcClient jdbc, ApiTokenRepository tokens, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public IssuedTicket issue(TokenPrincipal principal, Duration lifetime) {
        Instant now = Instant.now(clock);
        jdbc.sql("delete from stream_ticket where expires_at < :now").param("now", Timestamp.from(now)).update();
        String ticket = PREFIX + TokenSecrets.generate().substring(TokenSecrets.PREFIX.length());
        Instant expiresAt = now.plus(lifetime);
        jdbc.sql("insert into stream_ticket (ticket_hash, token_name, role, expires_at) values (:hash, :name, :role, :expires)")
                .param("hash", TokenSecrets.hash(ticket)).param("name", principal.tokenName())
                .param("role", principal.role().name()).param("expires", Timestamp.from(expiresAt)).update();
        return new IssuedTicket(ticket, expiresAt);
    }

    @Override
    @Transactional
    public Optional<TokenPrincipal> redeem(String ticket) {
        if (ticket == null || !ticket.startsWith(PREFIX) || ticket.length() > 128) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        // deleted whether it is still good or not: a ticket is shown once
        Optional<Redeemed> redeemed = jdbc.sql("""
                        delete from stream_ticket where ticket_hash = :hash returning token_name, role, expires_at""")
                .param("hash", TokenSecrets.hash(ticket))
                .query((rs, n) -> new Redeemed(new TokenPrincipal(rs.getString("token_name"), Role.valueOf(rs.getString("role"))),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        return redeemed.filter(r -> r.expiresAt().isAfter(now)).map(Redeemed::principal)
                // the token may have been revoked, or may have expired, since the ticket was issued
                .filter(p -> tokens.findByName(p.tokenName()).filter(t -> !t.isExpiredAt(now)).isPresent());
    }

    private record Redeemed(TokenPrincipal principal, Instant expiresAt) {
    }
}
