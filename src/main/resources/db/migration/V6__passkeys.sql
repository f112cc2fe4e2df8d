-- Passkeys (WebAuthn credentials): the authenticator's attested credential data (credential id and COSE public key,
-- as webauthn4j serialises it) and the signature counter, which must only grow.
create table passkey (
    id                        uuid         primary key,
    user_id                   varchar(64)  not null check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name                      varchar(100) not null,
    credential_id             bytea        not null unique check (octet_length(credential_id) between 1 and 1023),
    attested_credential_data  bytea        not null,
    sign_count                bigint       not null check (sign_count >= 0),
    backup_eligible           boolean      not null,
    backup_state              boolean      not null,
    transports                varchar(200),
    created_at                timestamptz  not null,
    last_used_at              timestamptz
);
create index passkey_by_user on passkey (user_id, created_at);

-- Registration challenges: each works once (deleted when a registration presents it) until it expires.
create table passkey_challenge (
    challenge_hash  bytea        primary key check (octet_length(challenge_hash) = 32),
    user_id         varchar(64)  not null check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    expires_at      timestamptz  not null
);
create index passkey_challenge_by_user on passkey_challenge (user_id, expires_at);

-- Verifications by passkey: the challenge the assertion must sign and the request options the browser needs.
alter table verification drop constraint verification_method_check;
alter table verification add constraint verification_method_check
    check (method in ('PUSH', 'EMAIL', 'TOTP', 'PASSKEY'));
alter table verification
    add column passkey_challenge bytea check (octet_length(passkey_challenge) = 32),
    add column passkey_options   text;
