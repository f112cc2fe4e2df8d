-- A workspace's SCIM bearer tokens. The token itself is stored only AES-256-GCM encrypted
-- (key_id names the key, nonce is the GCM IV) plus a SHA-256 hash used for introspection lookups.
create table scim_token (
    id            uuid        primary key,
    workspace_id  varchar(64) not null check (workspace_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    status        varchar(16) not null check (status in ('CURRENT', 'PREVIOUS', 'REVOKED')),
    lookup_hash   bytea       not null unique check (octet_length(lookup_hash) = 32),
    key_id        varchar(64) not null,
    nonce         bytea       not null check (octet_length(nonce) = 12),
    ciphertext    bytea       not null,
    hint          varchar(16) not null,
    created_at    timestamptz not null,
    created_by    varchar(64) not null,
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    version       bigint      not null default 0
);

-- At most one current token per workspace, and at most one rotated-out token inside its grace period.
create unique index scim_token_one_current_per_workspace on scim_token (workspace_id) where status = 'CURRENT';
create unique index scim_token_one_previous_per_workspace on scim_token (workspace_id) where status = 'PREVIOUS';
