-- How many replicas a revision runs, over all its targets and workloads (a StatefulSet's spec.replicas,
-- an EtcdCluster's spec.size, ...), as rendered when it was recorded: what a project's maxReplicas quota
-- counts. Revisions recorded before this column are counted when a quota first needs them (rendered again).
alter table application_revision add column replicas int;
