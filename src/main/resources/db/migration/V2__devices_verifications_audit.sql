-- Mobile devices that approve push verifications with their private key; only the public key is kept.
create table device (
    id            uuid         primary key,
    user_id       varchar(64)  not null check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name          varchar(100) not null,
    public_jwk    text         not null,
    push_token    varchar(4096),
    created_at    timestamptz  not null,
    last_used_at  timestamptz
);
create index device_by_user on device (user_id, created_at);

-- Step-up verifications. Only a PENDING row changes, once (the version column makes a second change fail).
create table verification (
    id                    uuid        primary key,
    workspace_id          varchar(64) not null check (workspace_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    user_id               varchar(64) not null check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    action                varchar(16) not null check (action in ('REVEAL', 'ROTATE', 'REVOKE')),
    method                varchar(16) not null check (method in ('PUSH', 'EMAIL', 'TOTP')),
    status                varchar(16) not null
                          check (status in ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CANCELLED', 'FAILED')),
    reason                varchar(32)
                          check (reason in ('USER_DENIED', 'REPORTED_SUSPICIOUS', 'NUMBER_MISMATCH', 'TOO_MANY_ATTEMPTS')),
    number_challenge      integer     check (number_challenge between 10 and 99),
    requester_ip          varchar(64),
    requester_user_agent  varchar(512),
    created_at            timestamptz not null,
    expires_at            timestamptz not null,
    decided_at            timestamptz,
    decided_by_device     uuid,
    used_at               timestamptz,
    version               bigint      not null default 0,
    check ((status = 'PENDING') = (decided_at is null)),
    check (used_at is null or status = 'APPROVED'),
    check ((reason is not null) = (status in ('DENIED', 'FAILED')))
);
create index verification_pending_by_user on verification (user_id, created_at) where status = 'PENDING';

-- Per-user protections: after a reported push, push verifications are refused until push_blocked_until.
create table user_guard (
    user_id             varchar(64) primary key,
    push_blocked_until  timestamptz
);

-- Append-only audit trail, listed per workspace, newest first.
create table audit_event (
    id               uuid        primary key,
    workspace_id     varchar(64),
    type             varchar(64) not null,
    occurred_at      timestamptz not null,
    actor_id         varchar(64),
    verification_id  uuid,
    device_id        uuid,
    token_id         uuid,
    ip_address       varchar(64),
    user_agent       varchar(512),
    details          jsonb       not null default '{}'::jsonb
);
create index audit_event_page on audit_event (workspace_id, occurred_at desc, id desc);
create index audit_event_type_page on audit_event (workspace_id, type, occurred_at desc, id desc);
