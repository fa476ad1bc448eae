-- The timeline: what happened to applications and clusters, one row per event, in commit order.
--
-- Events are written by triggers on the tables whose rows they describe, so an event is committed
-- with its change or not at all, whichever code path made the change (a request, an operation runner,
-- the status tracker, a prober, on any Berth instance).
--
-- The triggers are deferred to commit time, and there each takes one advisory lock before it takes an
-- id: committing transactions append one after another, so ids are handed out in commit order and a
-- reader that has seen id N never later finds a new event below N. That is what lets a stream resume
-- from "the last id I saw" (SSE's Last-Event-ID) without losing anything. The lock is held only from
-- the deferred trigger to the end of the commit, after every other lock of the transaction has been
-- taken, so it cannot take part in a deadlock.

create table timeline_event (
    id            bigint        primary key,
    occurred_at   timestamptz   not null,
    type          varchar(32)   not null,
    application   varchar(63),
    cluster       varchar(63),
    namespace     varchar(63),
    operation_id  uuid,
    data          jsonb         not null default '{}'
);

create sequence timeline_event_id;

-- Retention deletes the oldest events, always a prefix of ids: a stream asked to resume from an id
-- at or below this one cannot be given what it missed, and is told so.
create table timeline_horizon (
    purged_through  bigint  not null
);
insert into timeline_horizon values (0);

create index timeline_event_application on timeline_event (application, id);
create index timeline_event_cluster on timeline_event (cluster, id);
create index timeline_event_type on timeline_event (type, id);

-- Appends one event; the notification (delivered at commit) wakes every Berth instance's stream.
create function timeline_append(event_type text, at timestamptz, app text, cluster_name text, ns text,
                                operation uuid, details jsonb) returns void
    language plpgsql as $$
declare
    next_id bigint;
begin
    -- an arbitrary key, taken by this function only
    perform pg_advisory_xact_lock(7465727468);
    next_id := nextval('timeline_event_id');
    insert into timeline_event (id, occurred_at, type, application, cluster, namespace, operation_id, data)
    values (next_id, coalesce(at, clock_timestamp()), event_type, app, cluster_name, ns, operation,
            jsonb_strip_nulls(coalesce(details, '{}'::jsonb)));
    perform pg_notify('berth_timeline', next_id::text);
end
$$;

-- Operations: requested, started, ended (and, for a scale that succeeded, what was scaled).
create function timeline_operation() returns trigger
    language plpgsql as $$
declare
    scale jsonb;
begin
    scale := case when new.type = 'Scale' then (new.options::jsonb) -> 'scale' end;
    if tg_op = 'INSERT' then
        perform timeline_append('OperationRequested', new.created_at, new.application_name, null, null, new.id,
                jsonb_build_object('operation', new.type, 'revision', new.revision, 'requestedBy', new.requested_by,
                                   'state', new.state, 'scale', scale));
    elsif new.state is distinct from old.state then
        if new.state = 'Running' then
            perform timeline_append('OperationStarted', new.started_at, new.application_name, null, null, new.id,
                    jsonb_build_object('operation', new.type, 'revision', new.revision, 'state', new.state));
        elsif new.state in ('Succeeded', 'Failed', 'Cancelled') then
            perform timeline_append('OperationEnded', new.finished_at, new.application_name, null, null, new.id,
                    jsonb_build_object('operation', new.type, 'revision', new.revision, 'state', new.state,
                                       'error', new.error));
            if new.type = 'Scale' and new.state = 'Succeeded' and scale is not null then
                perform timeline_append('Scaled', new.finished_at, new.application_name, null, null, new.id,
                        jsonb_build_object('workload', scale -> 'workload', 'replicas', scale -> 'replicas',
                                           'revision', new.revision));
            end if;
        end if;
    end if;
    return null;
end
$$;

create constraint trigger timeline_operation after insert or update on operation
    deferrable initially deferred for each row execute function timeline_operation();

-- Steps: each attempt started, each failed attempt (it will be retried), each step ended.
create function timeline_operation_step() returns trigger
    language plpgsql as $$
declare
    app text;
    details jsonb;
begin
    select application_name into app from operation where id = new.operation_id;
    details := jsonb_build_object('position', new.position, 'action', new.action, 'state', new.state,
                                  'attempt', new.attempts);
    if new.state is distinct from old.state and new.state in ('Succeeded', 'Failed', 'Cancelled') then
        perform timeline_append('StepEnded', new.finished_at, app, new.cluster_name, new.namespace, new.operation_id,
                details || jsonb_build_object('error', case when new.state = 'Failed' then new.last_error end));
    elsif new.attempts > old.attempts then
        perform timeline_append('StepStarted', null, app, new.cluster_name, new.namespace, new.operation_id, details);
    elsif new.state = 'Running' and new.last_error is distinct from old.last_error and new.last_error is not null then
        perform timeline_append('StepAttemptFailed', null, app, new.cluster_name, new.namespace, new.operation_id,
                details || jsonb_build_object('error', new.last_error));
    end if;
    return null;
end
$$;

create constraint trigger timeline_operation_step after update on operation_step
    deferrable initially deferred for each row execute function timeline_operation_step();

-- Revisions: each new desired state of an application.
create function timeline_revision() returns trigger
    language plpgsql as $$
begin
    perform timeline_append('RevisionCreated', new.created_at, (select name from application where id = new.application_id),
            null, null, new.operation_id,
            jsonb_build_object('revision', new.number, 'cause', new.cause, 'templateSet', new.template_set,
                               'templateVersion', new.template_version, 'rolledBackTo', new.rolled_back_to,
                               'createdBy', new.created_by));
    return null;
end
$$;

create constraint trigger timeline_revision after insert on application_revision
    deferrable initially deferred for each row execute function timeline_revision();

-- Targets: health, sync and drift transitions, as the status tracker and the operations record them.
create function timeline_target() returns trigger
    language plpgsql as $$
declare
    app text;
begin
    select name into app from application where id = new.application_id;
    if new.health is distinct from old.health then
        perform timeline_append('HealthChanged', new.health_since, app, new.cluster_name, new.namespace, null,
                jsonb_build_object('from', old.health, 'to', new.health, 'reason', new.health_reason));
    end if;
    if new.sync_status is distinct from old.sync_status then
        perform timeline_append('SyncChanged', new.last_applied_at, app, new.cluster_name, new.namespace, null,
                jsonb_build_object('from', old.sync_status, 'to', new.sync_status, 'error', new.last_error));
    end if;
    if new.drift is distinct from old.drift then
        if new.drift is null then
            perform timeline_append('DriftResolved', null, app, new.cluster_name, new.namespace, null, '{}'::jsonb);
        else
            perform timeline_append('DriftDetected', new.drift_since, app, new.cluster_name, new.namespace, null,
                    jsonb_build_object('objects', jsonb_array_length(case jsonb_typeof(new.drift)
                                                                     when 'array' then new.drift else '[]'::jsonb end),
                                       'drift', new.drift));
        end if;
    end if;
    return null;
end
$$;

create constraint trigger timeline_target after update on application_target
    deferrable initially deferred for each row execute function timeline_target();

-- Clusters: lost (no longer Ready), regained (Ready again), and any other change of status.
create function timeline_cluster() returns trigger
    language plpgsql as $$
declare
    event_type text;
begin
    if new.type <> 'StatusChanged' then
        return null;
    end if;
    event_type := case
        when new.from_status = 'Ready' and new.to_status <> 'Ready' then 'ClusterLost'
        when new.to_status = 'Ready' and new.from_status is not null and new.from_status <> 'Pending' then 'ClusterRegained'
        else 'ClusterStatusChanged' end;
    perform timeline_append(event_type, new.occurred_at, null, (select name from cluster where id = new.cluster_id), null,
            null, jsonb_build_object('from', new.from_status, 'to', new.to_status, 'reason', new.reason));
    return null;
end
$$;

create constraint trigger timeline_cluster after insert on cluster_event
    deferrable initially deferred for each row execute function timeline_cluster();

-- Stream tickets: what a browser's EventSource (which cannot send headers) shows instead of a token.
-- Short-lived and single-use; only a hash is kept, as for tokens.
create table stream_ticket (
    ticket_hash  varchar(64)   primary key,
    token_name   varchar(63)   not null,
    role         varchar(16)   not null,
    expires_at   timestamptz   not null
);
