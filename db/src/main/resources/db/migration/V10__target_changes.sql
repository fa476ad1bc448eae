-- What changed for the status tracker since it last looked, so that a refresh reads the targets that
-- changed instead of every target of the fleet.
--
-- A row records the transaction that last changed what the tracker follows (changed_xid: the 64-bit,
-- never wrapping transaction id, as bigint). A reader remembers the oldest transaction still running
-- when it read (pg_snapshot_xmin of its snapshot): every change by an older transaction was visible to
-- it, so the next read asks for changed_xid >= that and misses nothing, whatever order the writers
-- committed in. Sequences or timestamps cannot promise that: a writer may commit after a reader has
-- passed its number.

create function berth_current_xid() returns bigint language sql volatile as
    $$ select pg_current_xact_id()::text::bigint $$;

alter table application add column changed_xid bigint not null default berth_current_xid();
alter table application_target add column changed_xid bigint not null default berth_current_xid();

create index application_changed on application (changed_xid);
create index application_target_changed on application_target (changed_xid);

create function berth_mark_changed() returns trigger language plpgsql as $$
begin
    new.changed_xid := berth_current_xid();
    return new;
end $$;

-- Any change of an application may change its targets' tracking (its state, current revision,
-- operation under way, self-heal, name).
create trigger application_changed before update on application
    for each row execute function berth_mark_changed();

-- The status tracker's own health writes are not changes of what it follows: only these columns are.
create trigger application_target_changed
    before update of application_id, cluster_id, cluster_name, namespace, revision_applied, sync_status, applied_objects, drift
    on application_target
    for each row execute function berth_mark_changed();

-- Targets gone (uninstalled, or their application purged): what a reader needs to stop following them.
-- Kept a while, then purged by the tracker.
create table application_target_removal (
    removed_xid       bigint         not null default berth_current_xid(),
    removed_at        timestamptz    not null default now(),
    -- no reference: the application may be purged (its targets go with it, and land here)
    application_id    uuid           not null,
    cluster_name      varchar(63)    not null,
    namespace         varchar(63)    not null
);

create index application_target_removal_xid on application_target_removal (removed_xid);

create function berth_record_target_removal() returns trigger language plpgsql as $$
begin
    insert into application_target_removal (application_id, cluster_name, namespace)
    values (old.application_id, old.cluster_name, old.namespace);
    return old;
end $$;

create trigger application_target_removed after delete on application_target
    for each row execute function berth_record_target_removal();
