-- Registered clusters. The kubeconfig is stored only encrypted (AES-256-GCM): the key id says which
-- key sealed it, so that keys can be rotated; the nonce is fresh on every write.
create table cluster (
    id                      uuid           primary key,
    name                    varchar(63)    not null unique,
    display_name            varchar(253),
    description             varchar(2048),
    api_server_url          varchar(2048)  not null,
    context_name            varchar(253)   not null,
    allow_insecure_tls      boolean        not null default false,
    credentials_key_id      varchar(32)    not null,
    credentials_nonce       bytea          not null,
    credentials_ciphertext  bytea          not null,
    -- bumped on every credential rotation: cached clients built from older credentials are discarded
    credentials_generation  integer        not null default 1,
    status                  varchar(16)    not null default 'Pending'
                            check (status in ('Pending', 'Ready', 'Unreachable', 'Unauthorized', 'TLSError')),
    status_reason           varchar(2048),
    last_probe_at           timestamptz,
    last_ready_at           timestamptz,
    server_version          varchar(64),
    node_count              integer,
    -- optimistic lock for user edits (ETag); probe results do not change it
    version                 bigint         not null default 0,
    created_at              timestamptz    not null,
    updated_at              timestamptz    not null,
    created_by              varchar(63)
);

create table cluster_label (
    cluster_id   uuid          not null references cluster (id) on delete cascade,
    label_key    varchar(317)  not null,
    label_value  varchar(63)   not null,
    primary key (cluster_id, label_key)
);

-- Status changes seen by the prober, newest last. Kept with the cluster and deleted with it.
create table cluster_event (
    id           bigserial     primary key,
    cluster_id   uuid          not null references cluster (id) on delete cascade,
    type         varchar(32)   not null,
    from_status  varchar(16),
    to_status    varchar(16)   not null,
    reason       varchar(2048),
    occurred_at  timestamptz   not null
);

create index cluster_event_by_cluster on cluster_event (cluster_id, id desc);
