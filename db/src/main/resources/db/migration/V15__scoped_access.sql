-- Scoped access: tokens of one project, a cluster-admin role, and the project of every operation and
-- timeline event, so that a caller's reads can be limited to the projects it belongs to.

-- A project token (a robot account, for CI) has one role in one project; a global token has none.
-- 'cluster-admin' manages the cluster registry. A project's tokens go with it.
alter table api_token add column project_id uuid references project (id) on delete cascade;
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check
    check (role in ('admin', 'operator', 'viewer', 'metrics', 'cluster-admin'));
alter table api_token add constraint api_token_project_role_check
    check (project_id is null or role in ('admin', 'operator', 'viewer'));
create index api_token_project on api_token (project_id, name);

-- Who acted: people signed in with the identity provider are often named by e-mail, longer than 63.
-- (Widening a varchar changes no row.)
alter table api_token alter column created_by type varchar(255);
alter table cluster alter column created_by type varchar(255);
alter table template_set alter column created_by type varchar(255), alter column updated_by type varchar(255);
alter table template_version alter column created_by type varchar(255);
alter table application alter column created_by type varchar(255), alter column updated_by type varchar(255);
alter table application_revision alter column created_by type varchar(255);
alter table operation alter column requested_by type varchar(255);
alter table audit_record alter column actor type varchar(255);

-- A stream ticket stands for the caller that asked for it: a token (checked again when the ticket is
-- used) or a signed-in person, whose roles are kept with the ticket for its few seconds of life.
alter table stream_ticket alter column token_name type varchar(255);
alter table stream_ticket alter column role drop not null;
alter table stream_ticket add column kind varchar(8) not null default 'TOKEN' check (kind in ('TOKEN', 'USER'));
alter table stream_ticket add column projects jsonb not null default '{}'::jsonb;

-- Operations keep their project after their application is gone (the trail outlives applications).
alter table operation add column project_id uuid;
update operation o set project_id = coalesce((select a.project_id from application a where a.id = o.application_id),
                                             '00000000-0000-0000-0000-000000000001');
create index operation_project on operation (project_id);

create function operation_project() returns trigger
    language plpgsql as $$
begin
    if new.project_id is null then
        new.project_id := (select project_id from application where id = new.application_id);
    end if;
    return new;
end
$$;

create trigger operation_project before insert on operation
    for each row execute function operation_project();

-- Timeline events of an application carry its project: the application's row while it exists, else
-- its operation's, else the application's previous event (its last events are written at the commit
-- that removes its row).
alter table timeline_event add column project_id uuid;
update timeline_event set project_id = '00000000-0000-0000-0000-000000000001' where application is not null;
create index timeline_event_project on timeline_event (project_id, id);

create or replace function timeline_append(event_type text, at timestamptz, app text, cluster_name text, ns text,
                                           operation uuid, details jsonb) returns void
    language plpgsql as $$
declare
    next_id bigint;
    project uuid;
begin
    if app is not null then
        project := coalesce((select a.project_id from application a where a.name = app),
                            (select o.project_id from operation o where o.id = operation),
                            (select e.project_id from timeline_event e where e.application = app and e.project_id is not null
                             order by e.id desc limit 1));
    end if;
    -- an arbitrary key, taken by this function only
    perform pg_advisory_xact_lock(7465727468);
    next_id := nextval('timeline_event_id');
    insert into timeline_event (id, occurred_at, type, application, cluster, namespace, operation_id, project_id, data)
    values (next_id, coalesce(at, clock_timestamp()), event_type, app, cluster_name, ns, operation, project,
            jsonb_strip_nulls(coalesce(details, '{}'::jsonb)));
    perform pg_notify('berth_timeline', next_id::text);
end
$$;
