package io.berth.server.applications;

import io.berth.cluster.LabelSelector;
import io.berth.engine.drift.ObjectDrift;
import io.berth.engine.health.Health;
import static io.berth.server.database.Columns.clip;
import static io.berth.server.database.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Applications, their revisions and their targets in Postgres. Callers own the transactions. */
@Repository
public class ApplicationStore {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<AppliedObject>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ObjectDrift>> DRIFT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    // Readers resolved once: a read of a page parses hundreds of these, and resolving the type each time
    // was a visible share of it.
    private final ObjectReader labelsReader;
    private final ObjectReader objectsReader;
    private final ObjectReader driftReader;
    private final ObjectReader specReader;

    public ApplicationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.labelsReader = json.readerFor(LABELS);
        this.objectsReader = json.readerFor(OBJECTS);
        this.driftReader = json.readerFor(DRIFT);
        this.specReader = json.readerFor(ApplicationSpec.class);
    }

    public Optional<ApplicationRecord> find(String name) {
        return jdbc.sql("select * from application where name = :name").param("name", name)
                .query(this::applicationRow).optional();
    }

    /** An application's row and its targets' rows, read together. */
    public record WithTargets(ApplicationRecord application, List<TargetState> targets) {
    }

    /**
     * The application and its targets in one query (one row per target, the application's columns repeated):
     * the read of a single application, the busiest read of all. The two tables share one column name,
     * {@code changed_xid}, which neither row mapper reads.
     */
    public Optional<WithTargets> findWithTargets(String name) {
        List<TargetState> targets = new ArrayList<>();
        ApplicationRecord[] app = new ApplicationRecord[1];
        jdbc.sql("""
                select a.*, t.* from application a left join application_target t on t.application_id = a.id
                where a.name = :name order by t.cluster_name, t.namespace""")
                .param("name", name)
                .query(rs -> {
                    if (app[0] == null) {
                        app[0] = applicationRow(rs, 0);
                    }
                    if (rs.getObject("application_id") != null) {
                        targets.add(targetRow(rs, 0));
                    }
                });
        return app[0] == null ? Optional.empty() : Optional.of(new WithTargets(app[0], List.copyOf(targets)));
    }

    /** Reads and locks the row until the caller's transaction ends: the one gate for mutations. */
    public Optional<ApplicationRecord> lock(String name) {
        return jdbc.sql("select * from application where name = :name for update").param("name", name)
                .query(this::applicationRow).optional();
    }

    public Optional<ApplicationRecord> lock(UUID id) {
        return jdbc.sql("select * from application where id = :id for update").param("id", id)
                .query(this::applicationRow).optional();
    }

    /**
     * Applications in name order after {@code afterName}, of one project, of one template set, with a target on one cluster,
     * matching a label selector and in one state (each filter optional: null, or a selector selecting everything).
     */
    /** A page in name order; {@code projects} null: of every project, else of those (never empty). */
    public List<ApplicationRecord> page(String afterName, Collection<UUID> projects, String templateSet, String cluster,
                                        LabelSelector labels, ApplicationState state, int limit) {
        StringBuilder sql = new StringBuilder("select * from application a where a.name > :after");
        Map<String, Object> params = new HashMap<>();
        params.put("after", afterName == null ? "" : afterName);
        params.put("limit", limit);
        if (projects != null) {
            sql.append(" and a.project_id in (:projects)");
            params.put("projects", projects);
        }
        if (templateSet != null) {
            sql.append(" and a.template_set = :set");
            params.put("set", templateSet);
        }
        if (cluster != null) {
            // by the cluster's id, a prefix of the targets' primary key: each probe stays in the index, where
            // the name made it read every target row of the application (2.5 times the work per page)
            sql.append(" and exists (select 1 from application_target t where t.application_id = a.id"
                    + " and t.cluster_id = (select c.id from cluster c where c.name = :cluster))");
            params.put("cluster", cluster);
        }
        if (state != null) {
            sql.append(" and a.state = :state");
            params.put("state", state.name());
        }
        sql.append(LabelSelectorSql.where("a.labels", labels, params, json));
        sql.append(" order by a.name limit :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::applicationRow).list();
    }

    public void insert(ApplicationRecord app) {
        jdbc.sql("""
                insert into application (id, name, template_set, labels, state, self_heal, current_revision,
                                         active_operation_id, version, created_at, created_by, updated_at, updated_by, project_id)
                values (:id, :name, :set, cast(:labels as jsonb), :state, :selfHeal, :revision, :op, 0, :now, :by, :now, :by, :project)""")
                .param("id", app.id()).param("project", app.projectId()).param("name", app.name()).param("set", app.templateSet()).param("selfHeal", app.selfHeal())
                .param("labels", json.writeValueAsString(app.labels())).param("state", app.state().name())
                .param("revision", app.currentRevision()).param("op", app.activeOperationId())
                .param("now", Timestamp.from(app.createdAt())).param("by", app.createdBy())
                .update();
    }

    /** Records a change of the application: its state, newest revision, running operation and settings. */
    public void update(UUID id, ApplicationState state, int currentRevision, UUID activeOperationId,
                       Map<String, String> labels, boolean selfHeal, String by, Instant now) {
        jdbc.sql("""
                update application set state = :state, current_revision = :revision, active_operation_id = :op,
                       labels = cast(:labels as jsonb), self_heal = :selfHeal, version = version + 1, updated_at = :now, updated_by = :by
                where id = :id""")
                .param("selfHeal", selfHeal)
                .param("state", state.name()).param("revision", currentRevision).param("op", activeOperationId)
                .param("labels", json.writeValueAsString(labels)).param("now", Timestamp.from(now)).param("by", by)
                .param("id", id).update();
    }

    /** Clears the running-operation mark if it still names this operation. */
    public void clearActiveOperation(UUID id, UUID operationId) {
        jdbc.sql("update application set active_operation_id = null where id = :id and active_operation_id = :op")
                .param("id", id).param("op", operationId).update();
    }

    public void setState(UUID id, ApplicationState state, Instant now) {
        jdbc.sql("update application set state = :state, version = version + 1, updated_at = :now where id = :id")
                .param("state", state.name()).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Forgets the application, its revisions and targets; its operations and audit records remain. */
    public void purge(UUID id) {
        jdbc.sql("delete from application where id = :id").param("id", id).update();
    }

    /** The id of a template version, or empty when it does not exist (any more). */
    public Optional<UUID> templateVersionId(String templateSet, String version) {
        return jdbc.sql("""
                select v.id from template_version v join template_set s on s.id = v.template_set_id
                where s.name = :set and v.version = :version""")
                .param("set", templateSet).param("version", version).query(UUID.class).optional();
    }

    public void insertRevision(UUID applicationId, UUID templateVersionId, Revision revision, int replicas) {
        jdbc.sql("""
                insert into application_revision (application_id, number, template_version_id, template_set,
                       template_version, spec, rendered_digest, cause, rolled_back_to, operation_id, created_at, created_by,
                       replicas)
                values (:app, :number, :tv, :set, :version, :spec, :digest, :cause, :back, :op, :now, :by, :replicas)""")
                .param("replicas", replicas)
                .param("app", applicationId).param("number", revision.number()).param("tv", templateVersionId)
                .param("set", revision.spec().templateSet()).param("version", revision.spec().version())
                .param("spec", json.writeValueAsString(revision.spec())).param("digest", revision.renderedDigest())
                .param("cause", revision.cause().name()).param("back", revision.rolledBackTo())
                .param("op", revision.operationId()).param("now", Timestamp.from(revision.createdAt()))
                .param("by", revision.createdBy()).update();
    }

    /** A current revision recorded before revisions counted their replicas. */
    record UncountedRevision(UUID applicationId, String application, Revision revision) {
    }

    /**
     * The replicas the current revisions of the project's applications run, but this one's (null: none
     * excluded) and deleted ones'. Revisions that did not count theirs are left out and listed by
     * {@link #uncountedCurrentRevisions}.
     */
    public int replicasInProject(UUID projectId, UUID exceptApplication) {
        return jdbc.sql("""
                        select coalesce(sum(r.replicas), 0) from application a
                        join application_revision r on r.application_id = a.id and r.number = a.current_revision
                        where a.project_id = :project and a.state <> 'Deleted' and a.id <> :except""")
                .param("project", projectId).param("except", exceptApplication == null ? new UUID(0, 0) : exceptApplication)
                .query(Integer.class).single();
    }

    public List<UncountedRevision> uncountedCurrentRevisions(UUID projectId, UUID exceptApplication) {
        return jdbc.sql("""
                        select a.id as app_id, a.name as app_name, r.* from application a
                        join application_revision r on r.application_id = a.id and r.number = a.current_revision
                        where a.project_id = :project and a.state <> 'Deleted' and a.id <> :except and r.replicas is null""")
                .param("project", projectId).param("except", exceptApplication == null ? new UUID(0, 0) : exceptApplication)
                .query((rs, n) -> new UncountedRevision(rs.getObject("app_id", UUID.class), rs.getString("app_name"),
                        revisionRow(rs, n)))
                .list();
    }

    public void countReplicas(UUID applicationId, int number, int replicas) {
        jdbc.sql("update application_revision set replicas = :replicas where application_id = :app and number = :number")
                .param("replicas", replicas).param("app", applicationId).param("number", number).update();
    }

    public Optional<Revision> revision(UUID applicationId, int number) {
        return jdbc.sql("select * from application_revision where application_id = :app and number = :number")
                .param("app", applicationId).param("number", number).query(this::revisionRow).optional();
    }

    /** Newest first, below {@code beforeNumber}. */
    public List<Revision> revisions(UUID applicationId, int beforeNumber, int limit) {
        return jdbc.sql("""
                select * from application_revision where application_id = :app and number < :before
                order by number desc limit :limit""")
                .param("app", applicationId).param("before", beforeNumber).param("limit", limit)
                .query(this::revisionRow).list();
    }

    /** The current revision of each application, by application id: one query for a page of a list. */
    public Map<UUID, Revision> currentRevisions(List<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Revision> found = new HashMap<>();
        jdbc.sql("""
                select r.* from application_revision r join application a
                  on a.id = r.application_id and r.number = a.current_revision
                where a.id in (:ids)""")
                .param("ids", applicationIds)
                .query(rs -> {
                    found.put(rs.getObject("application_id", UUID.class), revisionRow(rs, 0));
                });
        return found;
    }

    /** Where each application runs and how it is doing, by application id: one query for a page of a list. */
    public Map<UUID, List<ApplicationSummary.TargetSummary>> targetSummaries(List<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<ApplicationSummary.TargetSummary>> found = new HashMap<>();
        jdbc.sql("""
                select application_id, cluster_name, namespace, revision_applied, sync_status, health, drift is not null as drifted
                from application_target where application_id in (:ids) order by cluster_name, namespace""")
                .param("ids", applicationIds)
                .query(rs -> {
                    found.computeIfAbsent(rs.getObject("application_id", UUID.class), id -> new ArrayList<>())
                            .add(new ApplicationSummary.TargetSummary(rs.getString("cluster_name"), rs.getString("namespace"),
                                    (Integer) rs.getObject("revision_applied"), SyncStatus.valueOf(rs.getString("sync_status")),
                                    Health.valueOf(rs.getString("health")), rs.getBoolean("drifted")));
                });
        return found;
    }

    public List<TargetState> targets(UUID applicationId) {
        return jdbc.sql("select * from application_target where application_id = :app order by cluster_name, namespace")
                .param("app", applicationId).query(this::targetRow).list();
    }

    /** Adds a target (not applied yet), or marks an existing one out of sync with a newer revision. */
    public void upsertTarget(UUID applicationId, String cluster, String namespace) {
        jdbc.sql("""
                insert into application_target (application_id, cluster_id, cluster_name, namespace, sync_status)
                select :app, c.id, c.name, :namespace, 'OutOfSync' from cluster c where c.name = :cluster
                on conflict (application_id, cluster_id, namespace) do update set sync_status = 'OutOfSync'""")
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace).update();
    }

    /** Moves a synced target to a revision whose content for it is the same as what it runs. */
    public void carryForward(UUID applicationId, String cluster, String namespace, int revision) {
        jdbc.sql("""
                update application_target set revision_applied = :revision
                where application_id = :app and cluster_name = :cluster and namespace = :namespace
                  and sync_status = 'Synced'""")
                .param("revision", revision).param("app", applicationId).param("cluster", cluster)
                .param("namespace", namespace).update();
    }

    /** Records a successful apply: the revision and exactly the objects that are now there. */
    public void markApplied(UUID applicationId, String cluster, String namespace, int revision,
                            List<AppliedObject> objects, Instant now) {
        jdbc.sql("""
                update application_target set revision_applied = :revision, sync_status = 'Synced', last_error = null,
                       last_applied_at = :now, applied_objects = :objects, drift = null, drift_since = null
                where application_id = :app and cluster_name = :cluster and namespace = :namespace""")
                .param("revision", revision).param("now", Timestamp.from(now))
                .param("objects", json.writeValueAsString(objects)).param("app", applicationId)
                .param("cluster", cluster).param("namespace", namespace).update();
    }

    /** Widens the recorded objects before an apply, so a failure half-way still knows what may exist. */
    public void recordObjects(UUID applicationId, String cluster, String namespace, List<AppliedObject> objects) {
        jdbc.sql("""
                update application_target set applied_objects = :objects
                where application_id = :app and cluster_name = :cluster and namespace = :namespace""")
                .param("objects", json.writeValueAsString(objects)).param("app", applicationId)
                .param("cluster", cluster).param("namespace", namespace).update();
    }

    public void markFailed(UUID applicationId, String cluster, String namespace, String error) {
        jdbc.sql("""
                update application_target set sync_status = 'Failed', last_error = :error
                where application_id = :app and cluster_name = :cluster and namespace = :namespace""")
                .param("error", clip(error))
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace).update();
    }

    /** Notes an error (e.g. not ready in time) without changing what was applied. */
    public void noteError(UUID applicationId, String cluster, String namespace, String error) {
        jdbc.sql("""
                update application_target set last_error = :error
                where application_id = :app and cluster_name = :cluster and namespace = :namespace""")
                .param("error", clip(error))
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace).update();
    }

    public void deleteTarget(UUID applicationId, String cluster, String namespace) {
        jdbc.sql("delete from application_target where application_id = :app and cluster_name = :cluster"
                        + " and namespace = :namespace")
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace).update();
    }

    /**
     * A target whose health the status tracker follows: applied at least once, application not deleted.
     *
     * @param driftJudged whether what runs there can be compared with what Berth applied: no operation is
     *                    under way and the revision applied there is the current one (in sync, or drifted)
     * @param selfHeal    whether the application re-applies itself when it drifts
     */
    public record TrackedTarget(UUID applicationId, String application, int revisionApplied, TargetState state,
                                boolean driftJudged, boolean selfHeal) {
    }

    public List<TrackedTarget> trackedTargets() {
        return jdbc.sql(TRACKED_COLUMNS + """
                where a.state = 'Active' and t.revision_applied is not null
                order by t.cluster_name, a.name, t.namespace""")
                .query(this::trackedTargetRow)
                .list();
    }

    /**
     * A mark to read changes from: the oldest transaction still running now. Every change made by an
     * older one is visible from here on, so a reader that takes the mark before it reads, and later asks
     * for what changed since it, misses nothing ({@code V10__target_changes.sql}).
     */
    public long changeMark() {
        return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
    }

    /** A target that changed since a mark: followed by the tracker if {@code tracked}, else to be let go. */
    public record ChangedTarget(TrackedTarget target, boolean tracked) {
    }

    /** Targets (or their applications) changed by transactions at or after the mark, whether still tracked or not. */
    public List<ChangedTarget> targetsChangedSince(long mark) {
        return jdbc.sql(TRACKED_COLUMNS + """
                where t.changed_xid >= :mark or a.changed_xid >= :mark""")
                .param("mark", mark)
                .query((rs, n) -> new ChangedTarget(trackedTargetRow(rs, n),
                        rs.getString("app_state").equals("Active") && rs.getObject("revision_applied") != null))
                .list();
    }

    /** A target removed (uninstalled, or purged with its application): application id, cluster, namespace. */
    public record RemovedTarget(UUID applicationId, String cluster, String namespace) {
    }

    /** Targets removed by transactions at or after the mark. */
    public List<RemovedTarget> targetsRemovedSince(long mark) {
        return jdbc.sql("select * from application_target_removal where removed_xid >= :mark").param("mark", mark)
                .query((rs, n) -> new RemovedTarget(rs.getObject("application_id", UUID.class), rs.getString("cluster_name"),
                        rs.getString("namespace")))
                .list();
    }

    /** Forgets removals older than {@code before}: a reader that far behind reads every target again anyway. */
    public int purgeTargetRemovals(Instant before) {
        return jdbc.sql("delete from application_target_removal where removed_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    private static final String TRACKED_COLUMNS = """
            select t.*, a.name as application_name, a.self_heal, a.state as app_state,
                   (a.active_operation_id is null and t.revision_applied = a.current_revision
                    and (t.sync_status = 'Synced' or t.drift is not null)) as drift_judged
            from application_target t
            join application a on a.id = t.application_id
            """;

    private TrackedTarget trackedTargetRow(ResultSet rs, int n) throws SQLException {
        return new TrackedTarget(rs.getObject("application_id", UUID.class), rs.getString("application_name"),
                rs.getInt("revision_applied"), targetRow(rs, n), rs.getBoolean("drift_judged"), rs.getBoolean("self_heal"));
    }

    /**
     * Records a target's drift (null: none) when it differs from what is stored, for the revision it was
     * judged against only while that is still the applied and current one. A drift makes a synced target
     * OutOfSync; its end makes a target that drift put out of sync Synced again.
     *
     * @return whether anything was written
     */
    public boolean updateDrift(UUID applicationId, String cluster, String namespace, int revision, List<ObjectDrift> drift,
                               Instant now, String observer) {
        String driftJson = drift == null || drift.isEmpty() ? null : json.writeValueAsString(drift);
        return jdbc.sql("""
                update application_target t
                set sync_status = case when cast(:drift as jsonb) is not null and t.sync_status = 'Synced' then 'OutOfSync'
                                       when cast(:drift as jsonb) is null and t.drift is not null and t.sync_status = 'OutOfSync'
                                            then 'Synced'
                                       else t.sync_status end,
                    drift_since = case when cast(:drift as jsonb) is null then null
                                       when t.drift is null then :now else t.drift_since end,
                    drift = cast(:drift as jsonb)
                from application a
                where a.id = t.application_id and t.application_id = :app and t.cluster_name = :cluster
                  and t.namespace = :namespace and t.revision_applied = :revision and a.current_revision = :revision
                  and a.active_operation_id is null
                  and t.drift is distinct from cast(:drift as jsonb)""" + HELD_BY_OBSERVER)
                .param("drift", driftJson).param("now", Timestamp.from(now)).param("app", applicationId)
                .param("cluster", cluster).param("namespace", namespace).param("revision", revision)
                .param("observer", observer).update() > 0;
    }

    /**
     * Records a target's health when it differs from what is stored; {@code health_since} moves only
     * when the health itself changes, not its reason. Written only while {@code observer} holds the lease
     * of the target's cluster: a replica that lost it unawares (paused, cut off) cannot overwrite what the
     * replica holding it now records. Returns whether anything was written.
     */
    public boolean updateHealth(UUID applicationId, String cluster, String namespace, Health health, String reason,
                                Instant now, String observer) {
        return jdbc.sql("""
                update application_target t
                set health_since = case when health <> :health or health_since is null then :now else health_since end,
                    health = :health, health_reason = :reason, health_observer = :observer
                where application_id = :app and cluster_name = :cluster and namespace = :namespace
                  and (health <> :health or health_reason is distinct from :reason)""" + HELD_BY_OBSERVER)
                .param("health", health.name()).param("reason", clip(reason)).param("now", Timestamp.from(now))
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace)
                .param("observer", observer).update() > 0;
    }

    /** The condition of a tracker's write on target {@code t}: its replica holds the cluster's lease now. */
    private static final String HELD_BY_OBSERVER = " and exists (select 1 from cluster_lease l where l.cluster_id = t.cluster_id"
            + " and l.holder = :observer and l.held_until > clock_timestamp())";

    private ApplicationRecord applicationRow(ResultSet rs, int row) throws SQLException {
        return new ApplicationRecord(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("template_set"),
                labelsReader.readValue(rs.getString("labels")), ApplicationState.valueOf(rs.getString("state")),
                rs.getBoolean("self_heal"),
                rs.getInt("current_revision"), rs.getObject("active_operation_id", UUID.class), rs.getLong("version"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
                rs.getString("updated_by"), rs.getObject("project_id", UUID.class));
    }

    private Revision revisionRow(ResultSet rs, int row) throws SQLException {
        return new Revision(rs.getInt("number"), specReader.readValue(rs.getString("spec")),
                rs.getString("rendered_digest"), RevisionCause.valueOf(rs.getString("cause")),
                (Integer) rs.getObject("rolled_back_to"), rs.getObject("operation_id", UUID.class),
                instant(rs, "created_at"), rs.getString("created_by"));
    }

    private TargetState targetRow(ResultSet rs, int row) throws SQLException {
        return new TargetState(rs.getString("cluster_name"), rs.getString("namespace"),
                (Integer) rs.getObject("revision_applied"), SyncStatus.valueOf(rs.getString("sync_status")),
                rs.getString("last_error"), instant(rs, "last_applied_at"),
                objectsReader.readValue(rs.getString("applied_objects")), Health.valueOf(rs.getString("health")),
                rs.getString("health_reason"), instant(rs, "health_since"),
                rs.getString("drift") == null ? List.of() : driftReader.readValue(rs.getString("drift")),
                instant(rs, "drift_since"));
    }

}
