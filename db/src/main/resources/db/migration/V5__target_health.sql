-- Live health of each application target, as the status tracker last saw it. Written only when it
-- changes, so health_since says how long the target has been in this state.
alter table application_target
    add column health         varchar(16)    not null default 'Unknown'
        check (health in ('Healthy', 'Progressing', 'Degraded', 'Missing', 'Suspended', 'Unknown', 'Stale')),
    add column health_reason  varchar(4096),
    add column health_since   timestamptz;
