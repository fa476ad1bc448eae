package io.berth.cluster.internal;

import io.berth.cluster.Cluster;
import io.berth.cluster.ClusterStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clusters as callers see them, read in one query each (labels included) without loading entities:
 * reads are the registry's busiest path, and a read needs neither the sealed credentials nor a
 * persistence context. Writes go through {@link ClusterRepository}.
 */
@Component
public class ClusterViews {

    private static final String SELECT = """
            select c.name, c.display_name, c.description, c.api_server_url, c.context_name, c.allow_insecure_tls,
                   c.allow_proxy, c.status, c.status_reason, c.last_probe_at, c.last_ready_at, c.server_version,
                   c.node_count, c.created_at, c.updated_at, c.created_by, c.version,
                   array(select label_key from cluster_label l where l.cluster_id = c.id order by label_key) as label_keys,
                   array(select label_value from cluster_label l where l.cluster_id = c.id order by label_key) as label_values
            from cluster c""";

    private final JdbcClient jdbc;

    public ClusterViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Cluster> find(String name) {
        return jdbc.sql(SELECT + " where c.name = :name").param("name", name).query(ClusterViews::row).optional();
    }

    /** Clusters in name order after {@code afterName}, only those in {@code status} unless it is null. */
    public List<Cluster> page(ClusterStatus status, String afterName, int limit) {
        String where = status == null ? " where c.name > :after" : " where c.name > :after and c.status = :status";
        var spec = jdbc.sql(SELECT + where + " order by c.name limit :limit").param("after", afterName).param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        return spec.query(ClusterViews::row).list();
    }

    private static Cluster row(ResultSet rs, int row) throws SQLException {
        Integer nodeCount = (Integer) rs.getObject("node_count");
        return new Cluster(rs.getString("name"), rs.getString("display_name"), rs.getString("description"), labels(rs),
                rs.getString("api_server_url"), rs.getString("context_name"), rs.getBoolean("allow_insecure_tls"),
                rs.getBoolean("allow_proxy"), ClusterStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                instant(rs, "last_probe_at"), instant(rs, "last_ready_at"), rs.getString("server_version"), nodeCount,
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("created_by"), rs.getLong("version"));
    }

    private static Map<String, String> labels(ResultSet rs) throws SQLException {
        String[] keys = strings(rs.getArray("label_keys"));
        String[] values = strings(rs.getArray("label_values"));
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            labels.put(keys[i], values[i]);
        }
        return Map.copyOf(labels);
    }

    private static String[] strings(Array array) throws SQLException {
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
