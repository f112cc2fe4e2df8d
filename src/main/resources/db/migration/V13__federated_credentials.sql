-- A client's federated credentials (workload identity federation, RFC 7523 client assertions): the identity
-- provider presents its own signed JWT, whose iss and sub name one of these; no secret exists at all. Deleting the
-- client deletes them.
create table federated_credential (
    id          uuid         primary key,
    client_id   uuid         not null references oauth_client (id) on delete cascade,
    issuer      varchar(512) not null check (issuer ~ '^https?://'),
    subject     varchar(256) not null check (length(subject) > 0),
    -- null: the token endpoint's URL (<scim-token.oauth.issuer>/oauth2/token), as RFC 7523 §3 suggests
    audience    varchar(512) check (length(audience) > 0),
    -- null: found by the issuer's OIDC discovery (<issuer>/.well-known/openid-configuration)
    jwks_uri    varchar(512) check (jwks_uri ~ '^https?://'),
    created_at  timestamptz  not null,
    created_by  varchar(64)  not null,
    unique (client_id, issuer, subject)
);
-- The token endpoint finds the credential by the assertion's iss and sub, before it knows the client for sure.
create index federated_credential_by_issuer_subject on federated_credential (issuer, subject);

-- The jti of every accepted client assertion until it expires: each is used once (RFC 7523 §3, item 7). The primary
-- key makes a replay fail even when two instances see it at the same moment; expired rows are swept.
create table used_assertion (
    issuer      varchar(512) not null,
    jti         varchar(256) not null,
    expires_at  timestamptz  not null,
    primary key (issuer, jti)
);
create index used_assertion_by_expiry on used_assertion (expires_at);
