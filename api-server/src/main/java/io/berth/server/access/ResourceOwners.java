package io.berth.server.access;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which project a resource belongs to, read from its row (one indexed lookup). */
@Component
class ResourceOwners {

    /** A resource's project; a shared template set is read by every project. */
    record Owner(UUID project, boolean sharedForReading) {
    }

    private final JdbcClient jdbc;

    ResourceOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the resource does not exist: its endpoint then says so itself. */
    Optional<Owner> of(ScopedResource resource) {
        return switch (resource.kind()) {
            case APPLICATION -> project("select project_id from application where name = :key", resource.key());
            case OPERATION -> operation(resource.key());
            case TEMPLATE_SET -> jdbc.sql("select project_id, shared from template_set where name = :key")
                    .param("key", resource.key())
                    .query((rs, n) -> new Owner(rs.getObject("project_id", UUID.class), rs.getBoolean("shared")))
                    .optional();
            case PROJECT -> project("select id from project where name = :key", resource.key());
        };
    }

    private Optional<Owner> operation(String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty(); // the endpoint refuses the id itself
        }
        return jdbc.sql("select project_id from operation where id = :key").param("key", parsed)
                .query(UUID.class).optional().map(project -> new Owner(project, false));
    }

    private Optional<Owner> project(String sql, String key) {
        return jdbc.sql(sql).param("key", key).query(UUID.class).optional().map(project -> new Owner(project, false));
    }
}
