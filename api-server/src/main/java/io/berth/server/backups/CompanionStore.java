package io.berth.server.backups;

import io.berth.engine.ObjectRef;
import io.berth.server.resources.TargetCompanions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The operators' resources Berth created for an application on a target (backups, schedules, restores):
 * the resource tree shows them, and they are deleted with the application's target.
 */
@Repository
class CompanionStore implements TargetCompanions {

    /** Why Berth created the resource. */
    enum Purpose { Backup, Schedule, Restore }

    private final JdbcClient jdbc;

    CompanionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID applicationId, String cluster, ObjectRef ref, Purpose purpose, Instant now) {
        jdbc.sql("""
                insert into application_companion (application_id, cluster_name, namespace, api_version, kind, name, purpose,
                                                   created_at)
                values (:app, :cluster, :namespace, :apiVersion, :kind, :name, :purpose, :now)
                on conflict do nothing""")
                .param("app", applicationId).param("cluster", cluster).param("namespace", ref.namespace())
                .param("apiVersion", ref.apiVersion()).param("kind", ref.kind()).param("name", ref.name())
                .param("purpose", purpose.name()).param("now", Timestamp.from(now)).update();
    }

    void forget(UUID applicationId, String cluster, ObjectRef ref) {
        jdbc.sql("""
                delete from application_companion where application_id = :app and cluster_name = :cluster
                  and namespace = :namespace and api_version = :apiVersion and kind = :kind and name = :name""")
                .param("app", applicationId).param("cluster", cluster).param("namespace", ref.namespace())
                .param("apiVersion", ref.apiVersion()).param("kind", ref.kind()).param("name", ref.name()).update();
    }

    List<ObjectRef> on(UUID applicationId, String cluster, String namespace) {
        return jdbc.sql("""
                select api_version, kind, namespace, name from application_companion
                where application_id = :app and cluster_name = :cluster and namespace = :namespace
                order by created_at, kind, name""")
                .param("app", applicationId).param("cluster", cluster).param("namespace", namespace)
                .query((rs, n) -> new ObjectRef(rs.getString("api_version"), rs.getString("kind"), rs.getString("namespace"),
                        rs.getString("name"))).list();
    }

    /** The companion of that name on the target, if Berth created one there. */
    Optional<ObjectRef> named(UUID applicationId, String cluster, String namespace, String name) {
        return on(applicationId, cluster, namespace).stream().filter(ref -> ref.name().equals(name)).findFirst();
    }

    @Override
    public List<ObjectRef> of(String application, String cluster, String namespace) {
        return jdbc.sql("""
                select c.api_version, c.kind, c.namespace, c.name from application_companion c
                join application a on a.id = c.application_id
                where a.name = :app and c.cluster_name = :cluster and c.namespace = :namespace
                order by c.created_at, c.kind, c.name""")
                .param("app", application).param("cluster", cluster).param("namespace", namespace)
                .query((rs, n) -> new ObjectRef(rs.getString("api_version"), rs.getString("kind"), rs.getString("namespace"),
                        rs.getString("name"))).list();
    }
}
