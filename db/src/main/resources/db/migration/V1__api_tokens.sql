-- API tokens. Only a SHA-256 hash of each token is kept: the token itself is shown once, when created.
-- Tokens are 256-bit random values, so an unsalted hash is enough (nothing to brute-force).
create table api_token (
    id           uuid         primary key,
    name         varchar(63)  not null unique,
    role         varchar(16)  not null check (role in ('admin', 'operator', 'viewer')),
    token_hash   varchar(64)  not null unique,
    created_at   timestamptz  not null,
    created_by   varchar(63),
    expires_at   timestamptz
);
