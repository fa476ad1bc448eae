package io.berth.server.backups;

import io.berth.server.backups.Backup.BackupState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Backups and backup schedules in Postgres. Callers own the transactions. */
@Repository
class BackupStore {

    private static final String SELECT = """
            select b.*, a.name as application_name, l.name as location_name
            from backup b join application a on a.id = b.application_id join backup_location l on l.id = b.location_id""";

    private final JdbcClient jdbc;

    BackupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A backup's row: the view and the ids it refers to. */
    record Row(Backup backup, UUID applicationId, UUID locationId) {
    }

    /** What a backup step records before asking the operator (again, harmlessly, when the step is repeated). */
    record Started(UUID id, UUID applicationId, UUID operationId, UUID locationId, String cluster, String namespace,
                   String workload, String resource, String objectKey, Instant at) {
    }

    void insertRunning(Started b) {
        jdbc.sql("""
                insert into backup (id, application_id, operation_id, scheduled, location_id, cluster_name, namespace, workload,
                                    resource_name, object_key, state, started_at)
                values (:id, :app, :op, false, :location, :cluster, :namespace, :workload, :resource, :key, 'Running', :at)
                on conflict (id) do nothing""")
                .param("id", b.id()).param("app", b.applicationId()).param("op", b.operationId())
                .param("location", b.locationId()).param("cluster", b.cluster()).param("namespace", b.namespace())
                .param("workload", b.workload()).param("resource", b.resource()).param("key", b.objectKey())
                .param("at", Timestamp.from(b.at())).update();
    }

    void succeeded(UUID id, Long revision, Instant finishedAt) {
        jdbc.sql("update backup set state = 'Succeeded', revision = :revision, reason = null, finished_at = :at where id = :id")
                .param("id", id).param("revision", revision).param("at", Timestamp.from(finishedAt)).update();
    }

    void failed(UUID id, String reason, Instant finishedAt) {
        jdbc.sql("update backup set state = 'Failed', reason = :reason, finished_at = :at where id = :id and state = 'Running'")
                .param("id", id).param("reason", truncate(reason)).param("at", Timestamp.from(finishedAt)).update();
    }

    /** The backups an operation left running when it ended (cancelled, or failed on another target). */
    void failRunning(UUID operationId, String reason, Instant finishedAt) {
        jdbc.sql("""
                update backup set state = 'Failed', reason = :reason, finished_at = :at
                where operation_id = :op and state = 'Running'""")
                .param("op", operationId).param("reason", truncate(reason)).param("at", Timestamp.from(finishedAt)).update();
    }

    /** A backup a schedule's operator reported; false when it was recorded already (by this Berth or another). */
    boolean recordScheduled(UUID applicationId, UUID locationId, String cluster, String namespace, String workload,
                            String resource, String objectKey, Long revision, Instant finishedAt) {
        return jdbc.sql("""
                insert into backup (id, application_id, scheduled, location_id, cluster_name, namespace, workload, resource_name,
                                    object_key, revision, state, started_at, finished_at)
                values (:id, :app, true, :location, :cluster, :namespace, :workload, :resource, :key, :revision, 'Succeeded',
                        :at, :at)
                on conflict (location_id, object_key) do nothing""")
                .param("id", UUID.randomUUID()).param("app", applicationId).param("location", locationId)
                .param("cluster", cluster).param("namespace", namespace).param("workload", workload)
                .param("resource", resource).param("key", objectKey).param("revision", revision)
                .param("at", Timestamp.from(finishedAt)).update() == 1;
    }

    void setSize(UUID locationId, String objectKey, long size) {
        jdbc.sql("update backup set size_bytes = :size where location_id = :location and object_key = :key"
                        + " and size_bytes is distinct from :size")
                .param("size", size).param("location", locationId).param("key", objectKey).update();
    }

    /** The keys of a target's scheduled backups whose objects are still there (not pruned), under a key prefix. */
    List<String> keptScheduledKeys(UUID applicationId, String cluster, String namespace, UUID locationId, String keyPrefix) {
        return jdbc.sql("""
                select object_key from backup
                where application_id = :app and cluster_name = :cluster and namespace = :namespace and location_id = :location
                  and scheduled and state = 'Succeeded' and starts_with(object_key, :prefix)""")
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace)
                .param("location", locationId).param("prefix", keyPrefix).query(String.class).list();
    }

    void markPruned(UUID locationId, List<String> objectKeys) {
        if (!objectKeys.isEmpty()) {
            jdbc.sql("update backup set state = 'Pruned' where location_id = :location and object_key in (:keys)")
                    .param("location", locationId).param("keys", objectKeys).update();
        }
    }

    Optional<Row> find(UUID applicationId, UUID id) {
        return jdbc.sql(SELECT + " where b.application_id = :app and b.id = :id").param("app", applicationId).param("id", id)
                .query(this::row).optional();
    }

    /** Newest first; {@code before} is the last of the previous page. */
    List<Backup> page(UUID applicationId, Row before, int limit) {
        String after = before == null ? "" : " and (b.started_at, b.id) < (:beforeAt, :beforeId)";
        var spec = jdbc.sql(SELECT + " where b.application_id = :app" + after + " order by b.started_at desc, b.id desc limit :limit")
                .param("app", applicationId).param("limit", limit);
        if (before != null) {
            spec = spec.param("beforeAt", Timestamp.from(before.backup().startedAt())).param("beforeId", before.backup().id());
        }
        return spec.query(this::row).list().stream().map(Row::backup).toList();
    }

    // --- schedules

    /** A schedule's row with the ids the observer needs. */
    record ScheduleRow(UUID applicationId, UUID locationId, BackupSchedule schedule) {
    }

    void putSchedule(UUID applicationId, UUID locationId, int intervalSeconds, int maxBackups, Instant now, String by) {
        jdbc.sql("""
                insert into backup_schedule (application_id, location_id, interval_seconds, max_backups, created_at, created_by)
                values (:app, :location, :interval, :max, :now, :by)
                on conflict (application_id) do update set location_id = :location, interval_seconds = :interval,
                    max_backups = :max, created_at = :now, created_by = :by""")
                .param("app", applicationId).param("location", locationId).param("interval", intervalSeconds)
                .param("max", maxBackups).param("now", Timestamp.from(now)).param("by", by).update();
    }

    void deleteSchedule(UUID applicationId) {
        jdbc.sql("delete from backup_schedule where application_id = :app").param("app", applicationId).update();
    }

    Optional<ScheduleRow> schedule(UUID applicationId) {
        return jdbc.sql(SCHEDULES + " where s.application_id = :app").param("app", applicationId).query(this::scheduleRow).optional();
    }

    List<ScheduleRow> schedules() {
        return jdbc.sql(SCHEDULES).query(this::scheduleRow).list();
    }

    private static final String SCHEDULES = """
            select s.*, a.name as application_name, l.name as location_name
            from backup_schedule s join application a on a.id = s.application_id join backup_location l on l.id = s.location_id""";

    private ScheduleRow scheduleRow(ResultSet rs, int n) throws SQLException {
        return new ScheduleRow(rs.getObject("application_id", UUID.class), rs.getObject("location_id", UUID.class),
                new BackupSchedule(rs.getString("application_name"), rs.getString("location_name"), rs.getInt("interval_seconds"),
                        rs.getInt("max_backups"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")));
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Row(new Backup(rs.getObject("id", UUID.class), rs.getString("application_name"), rs.getString("cluster_name"),
                rs.getString("namespace"), rs.getString("workload"), rs.getString("location_name"), rs.getString("object_key"),
                rs.getBoolean("scheduled"), (Long) rs.getObject("revision"), (Long) rs.getObject("size_bytes"),
                BackupState.valueOf(rs.getString("state")), rs.getString("reason"), rs.getString("resource_name"),
                rs.getObject("operation_id", UUID.class), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant()),
                rs.getObject("application_id", UUID.class), rs.getObject("location_id", UUID.class));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4096 ? text : text.substring(0, 4093) + "...";
    }
}
