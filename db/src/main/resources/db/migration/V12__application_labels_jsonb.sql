-- Application lists filtered by a label selector are filtered in the query, not in Java: with tens of
-- thousands of applications, a selector that picks one in twenty read twenty rows (each with its revision
-- and targets) for every one shown. Labels become jsonb so that the query can test them, and a GIN index
-- serves equality requirements (labels @> '{"team":"a"}').

alter table application alter column labels drop default;
alter table application alter column labels type jsonb using labels::jsonb;
alter table application alter column labels set default '{}'::jsonb;
create index application_labels on application using gin (labels jsonb_path_ops);
