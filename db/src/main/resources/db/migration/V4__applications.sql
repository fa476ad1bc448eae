-- Applications: a named deployment of one template-set version onto targets (cluster + namespace),
-- changed only through numbered revisions and carried out by durable operations.

create table application (
    id                   uuid           primary key,
    name                 varchar(63)    not null unique,
    template_set         varchar(63)    not null,
    -- JSON object of labels, filtered in Java like the template sets' (tens of thousands at most)
    labels               text           not null default '{}',
    -- Active, Deleting (an uninstall is under way or failed), Deleted (uninstalled; history kept until purged)
    state                varchar(16)    not null check (state in ('Active', 'Deleting', 'Deleted')),
    -- the newest revision: the desired state
    current_revision     int            not null default 0,
    -- at most one operation at a time per application; set and cleared under this row's lock
    active_operation_id  uuid,
    version              bigint         not null default 0,
    created_at           timestamptz    not null,
    created_by           varchar(63),
    updated_at           timestamptz    not null,
    updated_by           varchar(63)
);

-- Revisions are immutable: inserted, never updated. The spec (JSON) holds everything needed to render
-- the revision again byte for byte: values, resolved targets, the selector they came from, replica
-- overrides and the options of the change.
create table application_revision (
    application_id       uuid           not null references application (id) on delete cascade,
    number               int            not null,
    -- a version used by any revision cannot be deleted from the template store (restrict): rolling
    -- back to it must stay possible until the application is purged
    template_version_id  uuid           not null references template_version (id),
    template_set         varchar(63)    not null,
    template_version     varchar(128)   not null,
    spec                 text           not null,
    -- sha256:<hex> of every target's rendered output, in target order
    rendered_digest      varchar(71)    not null,
    cause                varchar(16)    not null check (cause in ('Deploy', 'Upgrade', 'Scale', 'Rollback')),
    rolled_back_to       int,
    operation_id         uuid           not null,
    created_at           timestamptz    not null,
    created_by           varchar(63),
    primary key (application_id, number)
);

-- Where an application is deployed (or being deployed). A row goes away once its target has been
-- uninstalled; while it exists the cluster cannot be deleted (restrict).
create table application_target (
    application_id       uuid           not null references application (id) on delete cascade,
    cluster_id           uuid           not null references cluster (id),
    cluster_name         varchar(63)    not null,
    namespace            varchar(63)    not null,
    revision_applied     int,
    sync_status          varchar(16)    not null check (sync_status in ('Synced', 'OutOfSync', 'Failed')),
    last_error           varchar(4096),
    last_applied_at      timestamptz,
    -- JSON array of the objects Berth applied there, in apply order (what prune and uninstall act on)
    applied_objects      text           not null default '[]',
    primary key (application_id, cluster_id, namespace)
);

create index application_target_cluster on application_target (cluster_name);

-- Operations outlive their application (purge sets application_id to null) so history stays readable.
create table operation (
    id                   uuid           primary key,
    application_id       uuid           references application (id) on delete set null,
    application_name     varchar(63)    not null,
    type                 varchar(16)    not null check (type in ('Deploy', 'Upgrade', 'Scale', 'Rollback', 'Delete')),
    state                varchar(16)    not null check (state in ('Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled')),
    revision             int,
    -- JSON: wait, timeoutSeconds, createNamespace, deletePvcs, purge, scale request
    options              text           not null default '{}',
    requested_by         varchar(63),
    request_id           varchar(128),
    idempotency_key      varchar(255),
    -- sha256 of the request that carried the key: the same key with another request is refused
    request_fingerprint  varchar(71),
    error                varchar(4096),
    cancel_requested     boolean        not null default false,
    -- which Berth instance runs it, and until when its claim holds without a heartbeat
    lease_owner          varchar(64),
    lease_until          timestamptz,
    created_at           timestamptz    not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    unique (requested_by, idempotency_key)
);

create index operation_unfinished on operation (created_at) where state in ('Pending', 'Running');
create index operation_application on operation (application_name, created_at);

-- One step per target of an operation; a resumed operation redoes the steps that had not succeeded.
create table operation_step (
    operation_id         uuid           not null references operation (id) on delete cascade,
    position             int            not null,
    cluster_name         varchar(63)    not null,
    namespace            varchar(63)    not null,
    action               varchar(16)    not null check (action in ('Apply', 'Uninstall', 'Scale')),
    state                varchar(16)    not null check (state in ('Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled')),
    attempts             int            not null default 0,
    last_error           varchar(4096),
    started_at           timestamptz,
    finished_at          timestamptz,
    primary key (operation_id, position)
);

-- Who changed what: one row per accepted mutation and one when its operation ends.
create table audit_record (
    id                   bigserial      primary key,
    occurred_at          timestamptz    not null,
    actor                varchar(63),
    action               varchar(32)    not null,
    application          varchar(63),
    clusters             varchar(4096),
    result               varchar(16)    not null,
    request_id           varchar(128),
    operation_id         uuid,
    detail               varchar(4096)
);

create index audit_record_application on audit_record (application, id);
