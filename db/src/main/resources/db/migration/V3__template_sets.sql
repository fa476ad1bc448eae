-- Template sets: a named, labelled group of template versions (nginx-web, etcd-cluster, ...).
create table template_set (
    id           uuid           primary key,
    name         varchar(63)    not null unique,
    description  varchar(2048),
    -- optimistic lock for edits of description and labels (ETag); publishing a version does not change it
    version      bigint         not null default 0,
    created_at   timestamptz    not null,
    created_by   varchar(63),
    updated_at   timestamptz    not null,
    updated_by   varchar(63)
);

create table template_set_label (
    template_set_id  uuid          not null references template_set (id) on delete cascade,
    label_key        varchar(317)  not null,
    label_value      varchar(63)   not null,
    primary key (template_set_id, label_key)
);

-- Versions are immutable: rows are inserted and deleted, never updated. The version string is a
-- semantic version; it is unique within its set (a second publish of the same number is refused
-- whatever its content). Newest-first order is semver precedence, which SQL cannot sort on a string,
-- so the store orders a set's versions in Java: a set holds tens or hundreds of versions, not millions.
-- Deleting a set deletes its versions (cascade); once applications exist they will refer to versions
-- and stop a delete of what they use.
create table template_version (
    id                 uuid           primary key,
    template_set_id    uuid           not null references template_set (id) on delete cascade,
    version            varchar(128)   not null,
    -- what the content is: 'Simple' (documents with placeholders, a JSON Schema, defaults, hints) or
    -- 'Helm' (a chart archive). One table for both, so listing and ordering versions never needs to know.
    kind               varchar(16)    not null check (kind in ('Simple', 'Helm')),
    changelog          varchar(2048),
    -- Simple: the multi-document YAML exactly as published
    documents          text,
    -- JSON texts: the parameters schema as published, the version's defaults (an object) and the
    -- workload hints (an array); a Helm version may use the schema and defaults for its values
    parameters_schema  text,
    defaults           text,
    hints              text,
    -- Helm: the chart archive (.tgz)
    chart              bytea,
    -- sha256:<hex> of the canonical content, computed once at publish time
    digest             varchar(71)    not null,
    created_at         timestamptz    not null,
    created_by         varchar(63),
    unique (template_set_id, version),
    check ((kind = 'Simple' and documents is not null and chart is null)
        or (kind = 'Helm' and chart is not null))
);
