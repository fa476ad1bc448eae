package io.berth.server.audit;

import io.berth.server.database.Columns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit trail of mutations. Written in the transaction of the change it records, so a change
 * never happens without its record, and a refused request leaves none.
 */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String application, List<String> clusters, String result,
                       String requestId, UUID operationId, String detail) {
        jdbc.sql("""
                insert into audit_record (occurred_at, actor, action, project, application, clusters, result, request_id,
                                          operation_id, detail)
                values (:at, :actor, :action,
                        (select p.name from application a join project p on p.id = a.project_id where a.name = :app),
                        :app, :clusters, :result, :requestId, :op, :detail)""")
                .param("at", Timestamp.from(Instant.now(clock))).param("actor", actor).param("action", action)
                .param("app", application).param("clusters", clusters == null ? null : String.join(",", clusters))
                .param("result", result).param("requestId", requestId).param("op", operationId)
                .param("detail", Columns.clip(detail))
                .update();
    }

    /**
     * A change of who may do what or where (a project, its groups, a token), in the transaction that makes it:
     * no application; the project by name (null for a global token), the request's id from the log context.
     */
    public void recordAccessChange(String actor, String action, String project, String detail) {
        jdbc.sql("""
                insert into audit_record (occurred_at, actor, action, project, result, request_id, detail)
                values (:at, :actor, :action, :project, 'Succeeded', :requestId, :detail)""")
                .param("at", Timestamp.from(Instant.now(clock))).param("actor", actor).param("action", action)
                .param("project", project).param("requestId", MDC.get("requestId")).param("detail", Columns.clip(detail))
                .update();
    }

    /** Newest first, below {@code beforeId}; {@code project} and {@code application} null for all. */
    public List<AuditRecord> list(String project, String application, long beforeId, int limit) {
        Map<String, Object> params = new HashMap<>(Map.of("before", beforeId, "limit", limit));
        StringBuilder sql = new StringBuilder("select * from audit_record where id < :before");
        if (project != null) {
            sql.append(" and project = :project");
            params.put("project", project);
        }
        if (application != null) {
            sql.append(" and application = :app");
            params.put("app", application);
        }
        return jdbc.sql(sql.append(" order by id desc limit :limit").toString())
                .params(params)
                .query((rs, n) -> new AuditRecord(rs.getLong("id"), Columns.instant(rs, "occurred_at"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("project"), rs.getString("application"),
                        rs.getString("clusters") == null || rs.getString("clusters").isEmpty() ? List.of()
                                : Arrays.asList(rs.getString("clusters").split(",")),
                        rs.getString("result"), rs.getString("request_id"), rs.getObject("operation_id", UUID.class),
                        rs.getString("detail")))
                .list();
    }
}
