-- Single sign-on: a group of the organisation's identity provider (a claim of its JWTs, e.g. "groups")
-- given a role in a project. Managed through the API by the project's admins; bindings in Berth's
-- configuration (berth.oidc.bindings) are added to these, and global roles are given there only.
create table project_group (
    project_id  uuid          not null references project (id) on delete cascade,
    group_name  varchar(255)  not null,
    role        varchar(16)   not null check (role in ('viewer', 'operator', 'admin')),
    created_at  timestamptz   not null,
    created_by  varchar(255),
    primary key (project_id, group_name)
);

create index project_group_name on project_group (group_name);
