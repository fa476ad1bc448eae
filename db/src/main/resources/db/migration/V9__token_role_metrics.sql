-- A token for Prometheus: the role 'metrics' reads /actuator/prometheus and nothing of the API.
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check check (role in ('admin', 'operator', 'viewer', 'metrics'));
