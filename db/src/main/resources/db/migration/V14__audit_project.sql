-- Audit records carry the project of the application they concern, by name: the trail outlives projects
-- and applications (a project's name never changes). Records from before projects concern 'default',
-- where every application then was.
alter table audit_record add column project varchar(63);
update audit_record set project = 'default';
create index audit_record_project on audit_record (project, id);
