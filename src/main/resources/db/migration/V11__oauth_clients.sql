-- A verification may also allow one change of the workspace's OAuth clients.
alter table verification drop constraint verification_action_check;
alter table verification add constraint verification_action_check
    check (action in ('REVEAL', 'ROTATE', 'REVOKE', 'MANAGE_FACTORS', 'MANAGE_CLIENTS'));

-- A workspace's OAuth clients for SCIM provisioning (RFC 6749 client credentials). Deleting one deletes its secrets.
create table oauth_client (
    id            uuid         primary key,
    workspace_id  varchar(64)  not null check (workspace_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name          varchar(100) not null check (length(btrim(name)) > 0),
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null
);
create index oauth_client_by_workspace on oauth_client (workspace_id, created_at);

-- A client's secrets: only the SHA-256 of each is stored (for lookup), with what the UI may show of it.
create table oauth_client_secret (
    id           uuid        primary key,
    client_id    uuid        not null references oauth_client (id) on delete cascade,
    lookup_hash  bytea       not null unique check (octet_length(lookup_hash) = 32),
    hint         varchar(16) not null,
    created_at   timestamptz not null,
    created_by   varchar(64) not null,
    expires_at   timestamptz
);
create index oauth_client_secret_by_client on oauth_client_secret (client_id, created_at);
