package io.berth.cluster.internal.lease;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replicas alive and the clusters' leases, in Postgres (tables {@code berth_replica} and
 * {@code cluster_lease}). Every time is the database's clock: replicas' clocks may disagree, the
 * database's is one. Each statement stands alone: a lease is taken, renewed or given back row by row,
 * and Postgres' row locks decide between two replicas that reach for the same cluster.
 */
@Component
class LeaseStore {

    private final JdbcClient jdbc;

    LeaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registered cluster, who holds its lease (null: nobody), and for how much longer (ms, may be negative). */
    record ClusterLease(UUID clusterId, String cluster, String holder, long remainingMillis) {

        boolean lapsed() {
            return holder == null || remainingMillis <= 0;
        }
    }

    /** Says this replica is alive for {@code ttl} more; the first call records when it started. */
    void heartbeat(String replica, Duration ttl) {
        jdbc.sql("""
                insert into berth_replica (name, started_at, seen_until)
                values (:replica, clock_timestamp(), clock_timestamp() + make_interval(secs => :ttl))
                on conflict (name) do update set seen_until = excluded.seen_until""")
                .param("replica", replica).param("ttl", seconds(ttl)).update();
    }

    /** The replicas whose heartbeat has not lapsed. */
    Set<String> liveReplicas() {
        return new HashSet<>(jdbc.sql("select name from berth_replica where seen_until > clock_timestamp()")
                .query(String.class).list());
    }

    /** Every registered cluster with its lease, if any. */
    List<ClusterLease> leases() {
        return jdbc.sql("""
                select c.id, c.name, l.holder,
                       cast(extract(epoch from (l.held_until - clock_timestamp())) * 1000 as bigint) as remaining
                from cluster c left join cluster_lease l on l.cluster_id = c.id""")
                .query((rs, row) -> new ClusterLease(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("holder"), rs.getLong("remaining")))
                .list();
    }

    /** Extends the replica's leases of these clusters; returns those it still held. */
    Set<UUID> renew(String replica, Collection<UUID> clusters, Duration ttl) {
        if (clusters.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                update cluster_lease set held_until = clock_timestamp() + make_interval(secs => :ttl)
                where holder = :replica and cluster_id in (:clusters)
                returning cluster_id""")
                .param("replica", replica).param("clusters", clusters).param("ttl", seconds(ttl))
                .query(UUID.class).list());
    }

    /**
     * Takes the leases of these clusters where nobody holds them or their holder let them lapse;
     * returns those taken. A cluster deleted meanwhile is left out.
     */
    Set<UUID> acquire(String replica, Collection<UUID> clusters, Duration ttl) {
        if (clusters.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                insert into cluster_lease (cluster_id, holder, held_until, acquired_at)
                select c.id, :replica, clock_timestamp() + make_interval(secs => :ttl), clock_timestamp()
                from cluster c where c.id in (:clusters)
                on conflict (cluster_id) do update
                    set holder = excluded.holder, held_until = excluded.held_until, acquired_at = excluded.acquired_at
                    where cluster_lease.held_until <= clock_timestamp() or cluster_lease.holder = excluded.holder
                returning cluster_id""")
                .param("replica", replica).param("clusters", clusters).param("ttl", seconds(ttl))
                .query(UUID.class).list());
    }

    /** Gives back the replica's leases of these clusters, for the replica they now go to. */
    void release(String replica, Collection<UUID> clusters) {
        if (!clusters.isEmpty()) {
            jdbc.sql("delete from cluster_lease where holder = :replica and cluster_id in (:clusters)")
                    .param("replica", replica).param("clusters", clusters).update();
        }
    }

    /** A replica that stops: its leases go at once, and it is no longer counted among the live. */
    void leave(String replica) {
        jdbc.sql("delete from cluster_lease where holder = :replica").param("replica", replica).update();
        jdbc.sql("delete from berth_replica where name = :replica").param("replica", replica).update();
    }

    /** Forgets replicas not seen for a day (their rows only say they once ran). */
    void forgetReplicasGoneBefore(Duration ago) {
        jdbc.sql("delete from berth_replica where seen_until < clock_timestamp() - make_interval(secs => :ago)")
                .param("ago", seconds(ago)).update();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
