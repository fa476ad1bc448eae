-- Projects: the unit of tenancy. A team works in a project; its applications and template sets belong
-- to it, and its destinations say which clusters and namespaces its applications may target.
--
-- destinations is a JSON array of {"clusters": [names or globs] | "clusterSelector": "<label selector>",
-- "namespaces": [names or globs]}, validated by the API before it is written: a target is allowed when
-- one destination matches both its cluster and its namespace; an empty array allows nothing.
-- templateSets (null: any) is a JSON array of template-set names or globs the project may deploy, beside
-- its own sets and those shared with all.
create table project (
    id                 uuid           primary key,
    name               varchar(63)    not null unique,
    display_name       varchar(253),
    description        varchar(2048),
    labels             jsonb          not null default '{}'::jsonb,
    destinations       jsonb          not null default '[]'::jsonb,
    template_sets      jsonb,
    -- quotas, checked before anything is written; null: no limit
    max_applications   int            check (max_applications >= 0),
    max_replicas       int            check (max_replicas >= 0),
    version            bigint         not null default 0,
    created_at         timestamptz    not null,
    created_by         varchar(255),
    updated_at         timestamptz    not null,
    updated_by         varchar(255)
);

-- Everything that existed before projects moves into 'default', whose destinations allow every cluster
-- and namespace: a Berth with no other project behaves as before. Its id is fixed so that the columns
-- below can name it as their default while the code that writes them learns about projects.
insert into project (id, name, display_name, description, destinations, created_at, created_by, updated_at, updated_by)
values ('00000000-0000-0000-0000-000000000001', 'default', 'Default',
        'Applications and template sets that belong to no other project',
        '[{"clusters": ["*"], "namespaces": ["*"]}]'::jsonb, now(), 'migration', now(), 'migration');

alter table application
    add column project_id uuid not null default '00000000-0000-0000-0000-000000000001' references project (id);
create index application_project on application (project_id, name);

-- A template set belongs to one project; a shared one may be deployed by every project. The sets that
-- existed are shared: every token could deploy them before.
alter table template_set
    add column project_id uuid not null default '00000000-0000-0000-0000-000000000001' references project (id),
    add column shared boolean not null default false;
update template_set set shared = true;
create index template_set_project on template_set (project_id);
