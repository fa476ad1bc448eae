-- Backup and restore through the applications' operators (the etcd backup and restore operators first).

-- Where backups go: an S3-compatible object store, its bucket and a key prefix. The credentials (access
-- key id and secret) are sealed like kubeconfigs (AES-GCM under the credential key, the row's id as
-- associated data) and never shown again; Berth delivers them as a Secret where a backup or restore runs.
create table backup_location (
    id                      uuid           primary key,
    name                    varchar(63)    not null unique,
    description             varchar(1024),
    endpoint                varchar(2048)  not null,
    bucket                  varchar(63)    not null,
    prefix                  varchar(512)   not null default '',
    region                  varchar(64)    not null,
    force_path_style        boolean        not null,
    credentials_key_id      varchar(32)    not null,
    credentials_nonce       bytea          not null,
    credentials_ciphertext  bytea          not null,
    created_at              timestamptz    not null,
    created_by              varchar(255),
    updated_at              timestamptz    not null,
    version                 bigint         not null default 0
);

-- An application's backup schedule: the operator's periodic backup on each of its targets, keeping
-- max_backups objects per target. One schedule per application.
create table backup_schedule (
    application_id          uuid           primary key references application (id) on delete cascade,
    location_id             uuid           not null references backup_location (id),
    interval_seconds        int            not null check (interval_seconds > 0),
    max_backups             int            not null check (max_backups >= 0),
    created_at              timestamptz    not null,
    created_by              varchar(255)
);

-- One backup of one workload on one target: taken once (operation_id) or by a schedule (scheduled),
-- with the object it was written to. Pruned: the operator removed the object to keep max_backups.
create table backup (
    id                      uuid           primary key,
    application_id          uuid           not null references application (id) on delete cascade,
    operation_id            uuid           references operation (id) on delete set null,
    scheduled               boolean        not null,
    location_id             uuid           not null references backup_location (id),
    cluster_name            varchar(63)    not null,
    namespace               varchar(63)    not null,
    workload                varchar(320)   not null,
    resource_name           varchar(253)   not null,
    object_key              varchar(1024)  not null,
    revision                bigint,
    size_bytes              bigint,
    state                   varchar(16)    not null check (state in ('Running', 'Succeeded', 'Failed', 'Pruned')),
    reason                  varchar(4096),
    started_at              timestamptz    not null,
    finished_at             timestamptz,
    unique (location_id, object_key)
);
create index backup_by_application on backup (application_id, started_at desc);

-- The objects Berth created for an application on a target besides its revision's: the operators' backup,
-- schedule and restore resources. Shown in the resource tree; deleted with the application's target.
create table application_companion (
    application_id          uuid           not null references application (id) on delete cascade,
    cluster_name            varchar(63)    not null,
    namespace               varchar(63)    not null,
    api_version             varchar(320)   not null,
    kind                    varchar(63)    not null,
    name                    varchar(253)   not null,
    purpose                 varchar(16)    not null check (purpose in ('Backup', 'Schedule', 'Restore')),
    created_at              timestamptz    not null,
    primary key (application_id, cluster_name, namespace, api_version, kind, name)
);

alter table operation drop constraint operation_type_check;
alter table operation add constraint operation_type_check
    check (type in ('Deploy', 'Upgrade', 'Scale', 'Rollback', 'Delete', 'Sync', 'Backup', 'Restore', 'Schedule'));
alter table operation_step drop constraint operation_step_action_check;
alter table operation_step add constraint operation_step_action_check
    check (action in ('Apply', 'Uninstall', 'Scale', 'Backup', 'Restore', 'Schedule'));

-- Backups on the timeline (and so on the stream): taken, succeeded, failed, pruned; one-shot and scheduled alike.
create function timeline_backup() returns trigger
    language plpgsql as $$
declare
    event_type text;
begin
    if tg_op = 'UPDATE' and new.state is not distinct from old.state then
        return new;
    end if;
    event_type := case new.state when 'Running' then 'BackupStarted' when 'Succeeded' then 'BackupSucceeded'
                                 when 'Failed' then 'BackupFailed' else 'BackupPruned' end;
    perform timeline_append(event_type, case when new.state = 'Running' then new.started_at else clock_timestamp() end,
            (select a.name from application a where a.id = new.application_id), new.cluster_name, new.namespace,
            new.operation_id,
            jsonb_build_object('backup', new.id, 'workload', new.workload, 'objectKey', new.object_key,
                               'scheduled', new.scheduled, 'revision', new.revision, 'reason', new.reason));
    return new;
end
$$;
create trigger backup_timeline after insert or update on backup for each row execute function timeline_backup();
