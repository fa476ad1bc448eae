package io.berth.server.tokens;

import io.berth.server.security.Role;
import io.berth.server.security.StreamTicketRedeemer;
import io.berth.server.security.Caller;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stream tickets: what a browser's EventSource shows instead of a token. A ticket stands for the caller
 * that asked for it (same name, same roles, global and per project), works once, for a short time, and,
 * when a token asked, only while that token is still valid (a signed-in person's roles are those of the
 * JWT that asked, for the ticket's few seconds). Kept in Postgres (as a hash), so that any Berth instance can take a ticket another issued.
 */
@Service
public class StreamTicketService implements StreamTicketRedeemer {

    /** What a caller gets: the ticket, shown once, and until when it can be used. */
    public record IssuedTicket(String ticket, Instant expiresAt) {
    }

    private static final String PREFIX = "bst_";
    private static final TypeReference<Map<UUID, String>> PROJECT_ROLES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TokenService tokens;
    private final JsonMapper json;
    private final Clock clock;

    StreamTicketService(JdbcClient jdbc, TokenService tokens, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public IssuedTicket issue(Caller caller, Duration lifetime) {
        Instant now = Instant.now(clock);
        jdbc.sql("delete from stream_ticket where expires_at < :now").param("now", Timestamp.from(now)).update();
        String ticket = PREFIX + TokenSecrets.generate().substring(TokenSecrets.PREFIX.length());
        Instant expiresAt = now.plus(lifetime);
        Map<UUID, String> projects = new LinkedHashMap<>();
        caller.projects().forEach((project, role) -> projects.put(project, role.value()));
        jdbc.sql("""
                        insert into stream_ticket (ticket_hash, token_name, kind, role, projects, expires_at)
                        values (:hash, :name, :kind, :role, cast(:projects as jsonb), :expires)""")
                .param("hash", TokenSecrets.hash(ticket)).param("name", caller.name()).param("kind", caller.kind().name())
                .param("role", caller.role() == null ? null : caller.role().value())
                .param("projects", json.writeValueAsString(projects)).param("expires", Timestamp.from(expiresAt)).update();
        return new IssuedTicket(ticket, expiresAt);
    }

    @Override
    @Transactional
    public Optional<Caller> redeem(String ticket) {
        if (ticket == null || !ticket.startsWith(PREFIX) || ticket.length() > 128) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        // deleted whether it is still good or not: a ticket is shown once
        Optional<Redeemed> redeemed = jdbc.sql("""
                        delete from stream_ticket where ticket_hash = :hash
                        returning token_name, kind, role, projects, expires_at""")
                .param("hash", TokenSecrets.hash(ticket))
                .query((rs, n) -> new Redeemed(caller(rs.getString("token_name"), rs.getString("kind"), rs.getString("role"),
                        rs.getString("projects")), rs.getTimestamp("expires_at").toInstant()))
                .optional();
        return redeemed.filter(r -> r.expiresAt().isAfter(now)).map(Redeemed::caller)
                // the token may have been revoked, or may have expired, since the ticket was issued
                .filter(c -> c.kind() != Caller.Kind.TOKEN || tokens.isLive(c.name()));
    }

    private Caller caller(String name, String kind, String role, String projectsJson) {
        Map<UUID, Role> projects = new LinkedHashMap<>();
        json.readValue(projectsJson, PROJECT_ROLES).forEach((project, value) -> projects.put(project, Role.of(value)));
        return new Caller(name, Caller.Kind.valueOf(kind), role == null ? null : Role.of(role), projects);
    }

    private record Redeemed(Caller caller, Instant expiresAt) {
    }
}
