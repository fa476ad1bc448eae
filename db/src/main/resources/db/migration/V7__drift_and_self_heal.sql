-- Drift: the objects and fields of a target that are no longer as Berth applied them, as the status
-- tracker last saw it (null when there is none), and since when. Written only when it changes.
alter table application_target
    add column drift       jsonb,
    add column drift_since timestamptz;

-- Self-heal: re-apply the current revision by itself when a target drifts (an operation each time).
alter table application
    add column self_heal boolean not null default false;

-- Sync: re-applying the current revision (by hand, or by self-heal) is an operation of its own.
alter table operation drop constraint operation_type_check;
alter table operation add constraint operation_type_check
    check (type in ('Deploy', 'Upgrade', 'Scale', 'Rollback', 'Delete', 'Sync'));
