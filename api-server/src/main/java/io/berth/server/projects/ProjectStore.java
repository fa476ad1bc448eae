package io.berth.server.projects;

import static io.berth.server.database.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Projects in Postgres. Callers own the transactions. */
@Repository
class ProjectStore {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<Destination>> DESTINATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectReader labelsReader;
    private final ObjectReader destinationsReader;
    private final ObjectReader namesReader;

    ProjectStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.labelsReader = json.readerFor(LABELS);
        this.destinationsReader = json.readerFor(DESTINATIONS);
        this.namesReader = json.readerFor(NAMES);
    }

    /** A project's row: its id (what other rows refer to) and what the API shows. */
    record Row(UUID id, Project project) {
    }

    Optional<Row> find(String name) {
        return jdbc.sql("select * from project where name = :name").param("name", name).query(this::row).optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from project where id = :id").param("id", id).query(this::row).optional();
    }

    /** Projects in name order after {@code afterName}: every one ({@code ids} null) or those of these ids. */
    List<Project> page(Collection<UUID> ids, String afterName, int limit) {
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from project where name > :after" + (ids == null ? "" : " and id in (:ids)")
                        + " order by name limit :limit")
                .param("after", afterName == null ? "" : afterName).param("limit", limit)
                .param("ids", ids == null ? List.of() : ids)
                .query((rs, n) -> row(rs, n).project()).list();
    }

    void insert(Project project) {
        jdbc.sql("""
                insert into project (id, name, display_name, description, labels, destinations, template_sets,
                                     max_applications, max_replicas, version, created_at, created_by, updated_at, updated_by)
                values (:id, :name, :displayName, :description, cast(:labels as jsonb), cast(:destinations as jsonb),
                        cast(:templateSets as jsonb), :maxApplications, :maxReplicas, 0, :now, :by, :now, :by)""")
                .param("id", UUID.randomUUID()).param("name", project.name())
                .params(fields(ProjectRequests.UpdateProject.of(project)))
                .param("now", Timestamp.from(project.createdAt())).param("by", project.createdBy())
                .update();
    }

    /** Writes the changeable fields if the row is still at {@code expectedVersion}; false when it is not. */
    boolean update(String name, ProjectRequests.UpdateProject changed, long expectedVersion, String by, Instant now) {
        return jdbc.sql("""
                update project set display_name = :displayName, description = :description, labels = cast(:labels as jsonb),
                       destinations = cast(:destinations as jsonb), template_sets = cast(:templateSets as jsonb),
                       max_applications = :maxApplications, max_replicas = :maxReplicas,
                       version = version + 1, updated_at = :now, updated_by = :by
                where name = :name and version = :expected""")
                .params(fields(changed))
                .param("now", Timestamp.from(now)).param("by", by).param("name", name).param("expected", expectedVersion)
                .update() == 1;
    }

    /** Deletes the row if it is still at {@code expectedVersion}; false when it is not (or is gone). */
    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("delete from project where id = :id and version = :expected")
                .param("id", id).param("expected", expectedVersion).update() == 1;
    }

    /** A project's application limit and how many applications it holds, read under a lock on its row. */
    record ApplicationCount(String name, Integer maxApplications, long applications) {
    }

    /** Whether the project has an application quota (read without a lock). */
    boolean limitsApplications(UUID id) {
        return jdbc.sql("select max_applications is not null from project where id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    /**
     * Locks the project's row until the caller's transaction ends, so that two deploys into one project are
     * counted one after the other, and counts its applications.
     */
    ApplicationCount lockAndCountApplications(UUID id) {
        // two statements: a statement that waited for the lock still counts with the snapshot it began with,
        // which misses the applications the lock's holder added; the next statement takes a new snapshot
        Map<String, Object> locked = jdbc.sql("select name, max_applications from project where id = :id for update")
                .param("id", id).query().singleRow();
        long applications = jdbc.sql("select count(*) from application where project_id = :id").param("id", id)
                .query(Long.class).single();
        return new ApplicationCount((String) locked.get("name"), (Integer) locked.get("max_applications"), applications);
    }

    /** Whether the project has a replica quota (read without a lock). */
    boolean limitsReplicas(UUID id) {
        return jdbc.sql("select max_replicas is not null from project where id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    /** A project's replica quota, its row locked until the caller's transaction ends (as for applications). */
    record ReplicaQuota(String name, int maxReplicas) {
    }

    ReplicaQuota lockForReplicas(UUID id) {
        Map<String, Object> locked = jdbc.sql("select name, max_replicas from project where id = :id for update")
                .param("id", id).query().singleRow();
        return new ReplicaQuota((String) locked.get("name"), (Integer) locked.get("max_replicas"));
    }

    /** One target of one of the project's applications. */
    record PlacedTarget(String application, String cluster, String namespace) {
    }

    /** Every target of the project's applications, by application, cluster and namespace. */
    List<PlacedTarget> targets(UUID id) {
        return jdbc.sql("""
                select a.name, t.cluster_name, t.namespace from application_target t
                join application a on a.id = t.application_id
                where a.project_id = :id order by a.name, t.cluster_name, t.namespace""")
                .param("id", id)
                .query((rs, n) -> new PlacedTarget(rs.getString("name"), rs.getString("cluster_name"), rs.getString("namespace")))
                .list();
    }

    /** How many applications and template sets belong to the project. */
    record Holdings(long applications, long templateSets) {
    }

    Holdings holdings(UUID id) {
        return jdbc.sql("""
                select (select count(*) from application where project_id = :id) as applications,
                       (select count(*) from template_set where project_id = :id) as template_sets""")
                .param("id", id)
                .query((rs, n) -> new Holdings(rs.getLong("applications"), rs.getLong("template_sets"))).single();
    }

    /** The columns of a project's changeable fields. */
    private Map<String, Object> fields(ProjectRequests.UpdateProject project) {
        ProjectQuota quota = project.quota() == null ? ProjectQuota.NONE : project.quota();
        Map<String, Object> fields = new HashMap<>();
        fields.put("displayName", project.displayName());
        fields.put("description", project.description());
        fields.put("labels", json.writeValueAsString(project.labels()));
        fields.put("destinations", json.writeValueAsString(project.destinations()));
        fields.put("templateSets", project.templateSets() == null ? null : json.writeValueAsString(project.templateSets()));
        fields.put("maxApplications", quota.maxApplications());
        fields.put("maxReplicas", quota.maxReplicas());
        return fields;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        String templateSets = rs.getString("template_sets");
        Project project = new Project(rs.getString("name"), rs.getString("display_name"), rs.getString("description"),
                labelsReader.readValue(rs.getString("labels")), destinationsReader.readValue(rs.getString("destinations")),
                templateSets == null ? null : namesReader.readValue(templateSets),
                new ProjectQuota((Integer) rs.getObject("max_applications"), (Integer) rs.getObject("max_replicas")),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"),
                rs.getLong("version"));
        return new Row(rs.getObject("id", UUID.class), project);
    }
}
