package io.berth.server.timeline;

import static io.berth.server.database.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the timeline, which only the database's triggers write. */
@Repository
class TimelineStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TimelineStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Newest first, older than {@code beforeId}. */
    List<TimelineEvent> before(TimelineFilter filter, long beforeId, int limit) {
        return read(filter, "id < :position", "desc", beforeId, limit);
    }

    /** Oldest first, newer than {@code afterId}: what a stream has not sent yet. */
    List<TimelineEvent> after(TimelineFilter filter, long afterId, int limit) {
        return read(filter, "id > :position", "asc", afterId, limit);
    }

    /** How many events newer than {@code afterId} match, counting no further than {@code max + 1}. */
    int countAfter(TimelineFilter filter, long afterId, int max) {
        Query query = where(filter);
        var spec = jdbc.sql("select count(*) from (select 1 from timeline_event where id > :position" + query.sql
                        + " limit :limit) newer")
                .param("position", afterId).param("limit", max + 1);
        return query.bind(spec).query(Long.class).single().intValue();
    }

    /** The id of the newest event deleted by retention, 0 when none was. */
    long purgedThrough() {
        return jdbc.sql("select purged_through from timeline_horizon").query(Long.class).single();
    }

    /** The id of the newest event, 0 when there is none. */
    long newestId() {
        return jdbc.sql("select coalesce(max(id), 0) from timeline_event").query(Long.class).single();
    }

    private List<TimelineEvent> read(TimelineFilter filter, String position, String order, long at, int limit) {
        Query query = where(filter);
        var spec = jdbc.sql("select * from timeline_event where " + position + query.sql + " order by id " + order
                        + " limit :limit")
                .param("position", at).param("limit", limit);
        return query.bind(spec).query(this::row).list();
    }

    /** The filter as SQL conditions (appended after a first one) and their parameters. */
    private record Query(String sql, TimelineFilter filter) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            if (filter.application() != null) {
                spec = spec.param("application", filter.application());
                if (!filter.clustersOfApplication().isEmpty()) {
                    spec = spec.param("applicationClusters", filter.clustersOfApplication().toArray(String[]::new));
                }
            }
            if (filter.cluster() != null) {
                spec = spec.param("cluster", filter.cluster());
            }
            if (filter.projects() != null && !filter.projects().isEmpty()) {
                spec = spec.param("projects", filter.projects().toArray(UUID[]::new));
            }
            if (!filter.types().isEmpty()) {
                spec = spec.param("types", filter.types().stream().map(Enum::name).toArray(String[]::new));
            }
            return spec;
        }
    }

    private static Query where(TimelineFilter filter) {
        StringBuilder sql = new StringBuilder();
        if (filter.application() != null) {
            sql.append(filter.clustersOfApplication().isEmpty()
                    ? " and application = :application"
                    : " and (application = :application"
                            + " or (application is null and cluster = any(:applicationClusters)))");
        }
        if (filter.cluster() != null) {
            sql.append(" and cluster = :cluster");
        }
        if (filter.projects() != null) {
            // a cluster's own events (lost, regained) belong to no project: every reader sees them
            sql.append(filter.projects().isEmpty() ? " and application is null"
                    : " and (application is null or project_id = any(:projects))");
        }
        if (!filter.types().isEmpty()) {
            sql.append(" and type = any(:types)");
        }
        return new Query(sql.toString(), filter);
    }

    private TimelineEvent row(ResultSet rs, int n) throws SQLException {
        String type = rs.getString("type");
        JsonNode data = json.readTree(rs.getString("data"));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = json.treeToValue(data, Map.class);
        return new TimelineEvent(rs.getLong("id"), instant(rs, "occurred_at"), type, rs.getString("application"),
                rs.getString("cluster"), rs.getString("namespace"), rs.getObject("operation_id", UUID.class), details,
                TimelineSummaries.of(type, rs.getString("cluster"), rs.getString("namespace"), data),
                rs.getObject("project_id", UUID.class));
    }
}
