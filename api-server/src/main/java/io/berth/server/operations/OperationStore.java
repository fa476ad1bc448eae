package io.berth.server.operations;

import static io.berth.server.database.Columns.clip;
import static io.berth.server.database.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operations and their steps in Postgres. Writes that advance a running operation are conditioned on
 * the caller still holding the operation's lease, so an instance that lost its claim (it stalled past
 * the lease) can never overwrite the progress of the instance that took over.
 */
@Repository
public class OperationStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OperationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a new operation is made of; written in the caller's transaction. */
    public record NewOperation(UUID id, UUID applicationId, String application, OperationType type, Integer revision,
                               OperationOptions options, String requestedBy, String requestId, String idempotencyKey,
                               String requestFingerprint, Instant createdAt) {
    }

    public record NewStep(String cluster, String namespace, StepAction action) {
    }

    /** An earlier request's operation found by its idempotency key. */
    public record KeyedOperation(UUID id, String fingerprint) {
    }

    public void insert(NewOperation op, List<NewStep> steps) {
        jdbc.sql("""
                insert into operation (id, application_id, application_name, type, state, revision, options, requested_by,
                                       request_id, idempotency_key, request_fingerprint, created_at)
                values (:id, :appId, :app, :type, 'Pending', :revision, :options, :by, :requestId, :key, :fingerprint, :now)""")
                .param("id", op.id()).param("appId", op.applicationId()).param("app", op.application())
                .param("type", op.type().name()).param("revision", op.revision())
                .param("options", json.writeValueAsString(op.options())).param("by", op.requestedBy())
                .param("requestId", op.requestId()).param("key", op.idempotencyKey())
                .param("fingerprint", op.requestFingerprint()).param("now", Timestamp.from(op.createdAt()))
                .update();
        int position = 0;
        for (NewStep step : steps) {
            jdbc.sql("""
                    insert into operation_step (operation_id, position, cluster_name, namespace, action, state)
                    values (:id, :position, :cluster, :namespace, :action, 'Pending')""")
                    .param("id", op.id()).param("position", position++).param("cluster", step.cluster())
                    .param("namespace", step.namespace()).param("action", step.action().name())
                    .update();
        }
    }

    public Optional<Operation> find(UUID id) {
        return jdbc.sql("select * from operation where id = :id").param("id", id)
                .query(this::operationRow).optional()
                .map(op -> withSteps(op, steps(id)));
    }

    public Optional<KeyedOperation> findByIdempotencyKey(String requestedBy, String key) {
        return jdbc.sql("select id, request_fingerprint from operation where requested_by = :by and idempotency_key = :key")
                .param("by", requestedBy).param("key", key)
                .query((rs, n) -> new KeyedOperation(rs.getObject("id", UUID.class), rs.getString("request_fingerprint")))
                .optional();
    }

    /** Newest first; {@code before} is the (createdAt, id) of the last item of the previous page. */
    public List<Operation> list(String application, OperationState state, Instant beforeCreatedAt, UUID beforeId,
                                int limit) {
        StringBuilder sql = new StringBuilder("select * from operation where true");
        if (application != null) {
            sql.append(" and application_name = :app");
        }
        if (state != null) {
            sql.append(" and state = :state");
        }
        if (beforeCreatedAt != null) {
            sql.append(" and (created_at, id) < (:beforeAt, :beforeId)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        var spec = jdbc.sql(sql.toString()).param("limit", limit);
        if (application != null) {
            spec = spec.param("app", application);
        }
        if (state != null) {
            spec = spec.param("state", state.name());
        }
        if (beforeCreatedAt != null) {
            spec = spec.param("beforeAt", Timestamp.from(beforeCreatedAt)).param("beforeId", beforeId);
        }
        return spec.query(this::operationRow).list().stream().map(op -> withSteps(op, steps(op.id()))).toList();
    }

    public List<OperationStep> steps(UUID operationId) {
        return jdbc.sql("select * from operation_step where operation_id = :id order by position")
                .param("id", operationId).query(OperationStore::stepRow).list();
    }

    /**
     * Claims up to {@code max} operations that nobody holds (new ones, and running ones whose holder
     * stopped renewing its lease), oldest first. {@code skip locked} lets instances that claim at the
     * same moment pass each other instead of waiting or taking the same row.
     */
    public List<UUID> claim(String owner, Instant now, Instant leaseUntil, int max) {
        return jdbc.sql("""
                update operation set state = 'Running', lease_owner = :owner, lease_until = :until,
                                     started_at = coalesce(started_at, :now)
                where id in (select id from operation
                             where state in ('Pending', 'Running') and (lease_until is null or lease_until < :now)
                             order by created_at limit :max for update skip locked)
                returning id""")
                .param("owner", owner).param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("max", max)
                .query((rs, n) -> rs.getObject("id", UUID.class)).list();
    }

    /**
     * Gives up the owner's leases on its running operations, except those still being worked on, so
     * that they can be claimed at once. Returns how many were handed back.
     */
    public int releaseLeases(String owner, List<UUID> stillWorkedOn) {
        return jdbc.sql("update operation set lease_until = null where lease_owner = :owner and state = 'Running'"
                        + " and not (id = any(:busy))")
                .param("owner", owner).param("busy", stillWorkedOn.toArray(UUID[]::new))
                .update();
    }

    /** Extends the leases the owner still holds; returns how many it still holds. */
    public int renewLeases(String owner, List<UUID> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update operation set lease_until = :until where lease_owner = :owner and id in (:ids)"
                        + " and state = 'Running'")
                .param("until", Timestamp.from(leaseUntil)).param("owner", owner).param("ids", ids).update();
    }

    /** How many of these operations another instance has claimed since (this one's lease ran out). */
    public int lostLeases(String owner, List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from operation where id in (:ids) and lease_owner <> :owner")
                .param("ids", ids).param("owner", owner).query(Long.class).single().intValue();
    }

    public boolean cancelRequested(UUID id) {
        return jdbc.sql("select cancel_requested from operation where id = :id").param("id", id)
                .query(Boolean.class).optional().orElse(true);
    }

    /** Marks a step started (once) and counts the attempt. False when the lease is no longer ours. */
    public boolean startAttempt(UUID id, int position, String owner, Instant now) {
        return jdbc.sql("""
                update operation_step s set state = 'Running', attempts = s.attempts + 1,
                                            started_at = coalesce(s.started_at, :now)
                from operation o
                where s.operation_id = :id and s.position = :position and o.id = s.operation_id and o.lease_owner = :owner""")
                .param("id", id).param("position", position).param("owner", owner).param("now", Timestamp.from(now))
                .update() > 0;
    }

    /** Records the error of a failed attempt that will be retried. */
    public boolean recordAttemptError(UUID id, int position, String owner, String error) {
        return jdbc.sql("""
                update operation_step s set last_error = :error
                from operation o
                where s.operation_id = :id and s.position = :position and o.id = s.operation_id and o.lease_owner = :owner""")
                .param("id", id).param("position", position).param("owner", owner).param("error", clip(error))
                .update() > 0;
    }

    public boolean finishStep(UUID id, int position, String owner, OperationState state, String error, Instant now) {
        return jdbc.sql("""
                update operation_step s set state = :state, last_error = coalesce(:error, s.last_error), finished_at = :now
                from operation o
                where s.operation_id = :id and s.position = :position and o.id = s.operation_id and o.lease_owner = :owner""")
                .param("id", id).param("position", position).param("owner", owner).param("state", state.name())
                .param("error", clip(error)).param("now", Timestamp.from(now))
                .update() > 0;
    }

    /** Ends a running operation this owner holds; the owner stays recorded as the instance that ran it last. */
    public boolean finish(UUID id, String owner, OperationState state, String error, Instant now) {
        return jdbc.sql("""
                update operation set state = :state, error = :error, finished_at = :now, lease_until = null
                where id = :id and lease_owner = :owner and state = 'Running'""")
                .param("state", state.name()).param("error", clip(error)).param("now", Timestamp.from(now))
                .param("id", id).param("owner", owner).update() > 0;
    }

    /**
     * Cancels an operation that no instance has picked up yet, with all its steps. False when it is
     * no longer pending (then ask the runner with {@link #requestCancel}).
     */
    public boolean cancelPending(UUID id, Instant now) {
        int changed = jdbc.sql("""
                update operation set state = 'Cancelled', cancel_requested = true, finished_at = :now
                where id = :id and state = 'Pending' and lease_owner is null""")
                .param("id", id).param("now", Timestamp.from(now)).update();
        if (changed > 0) {
            jdbc.sql("update operation_step set state = 'Cancelled', finished_at = :now where operation_id = :id")
                    .param("id", id).param("now", Timestamp.from(now)).update();
        }
        return changed > 0;
    }

    public void requestCancel(UUID id) {
        jdbc.sql("update operation set cancel_requested = true where id = :id").param("id", id).update();
    }

    /** Locks the operation's row for the caller's transaction; empty when it does not exist. */
    public Optional<OperationState> lockState(UUID id) {
        return jdbc.sql("select state from operation where id = :id for update").param("id", id)
                .query((rs, n) -> OperationState.valueOf(rs.getString("state"))).optional();
    }

    private Operation operationRow(ResultSet rs, int row) throws SQLException {
        return new Operation(rs.getObject("id", UUID.class), rs.getString("application_name"),
                OperationType.valueOf(rs.getString("type")), OperationState.valueOf(rs.getString("state")),
                (Integer) rs.getObject("revision"), json.readValue(rs.getString("options"), OperationOptions.class),
                rs.getString("requested_by"), rs.getString("request_id"), rs.getString("error"),
                rs.getBoolean("cancel_requested"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), List.of());
    }

    private static OperationStep stepRow(ResultSet rs, int row) throws SQLException {
        return new OperationStep(rs.getInt("position"), rs.getString("cluster_name"), rs.getString("namespace"),
                StepAction.valueOf(rs.getString("action")), OperationState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Operation withSteps(Operation op, List<OperationStep> steps) {
        return new Operation(op.id(), op.application(), op.type(), op.state(), op.revision(), op.options(),
                op.requestedBy(), op.requestId(), op.error(), op.cancelRequested(), op.createdAt(), op.startedAt(),
                op.finishedAt(), new ArrayList<>(steps));
    }


}
