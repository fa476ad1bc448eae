-- Several Berth replicas on one database: each cluster is watched and probed by one replica at a time.
--
-- Every replica says it is alive (berth_replica.seen_until, renewed a few times a lease period). The
-- clusters are spread over the live replicas by rendezvous hashing, so that a replica joining or leaving
-- moves only its share. Who may work on a cluster is decided here, by the lease: a replica takes a
-- cluster only while nobody holds it or its holder let it lapse, and a write of a target's health is
-- made only under a lease held now (see ApplicationStore.updateHealth): a replica that lost its lease
-- without knowing it (stopped, cut off) cannot overwrite what the new holder records.
-- Times are the database's own clock (clock_timestamp()), the one clock every replica shares.

create table berth_replica (
    name         varchar(64)    primary key,
    started_at   timestamptz    not null,
    seen_until   timestamptz    not null
);

create table cluster_lease (
    cluster_id   uuid           primary key references cluster (id) on delete cascade,
    holder       varchar(64)    not null,
    held_until   timestamptz    not null,
    acquired_at  timestamptz    not null
);

create index cluster_lease_holder on cluster_lease (holder);

-- The replica that wrote a target's health last: the holder of its cluster's lease at the time.
alter table application_target add column health_observer varchar(64);
