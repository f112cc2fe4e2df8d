-- A user's TOTP authenticator: the seed only encrypted; last_used_step makes every time step usable once.
create table totp_factor (
    user_id         varchar(64) primary key check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    key_id          varchar(64) not null,
    nonce           bytea       not null check (octet_length(nonce) = 12),
    ciphertext      bytea       not null,
    created_at      timestamptz not null,
    confirmed_at    timestamptz,
    last_used_step  bigint      not null default -1,
    version         bigint      not null default 0
);

-- Code methods: the email code only as a SHA-256 hash; wrong codes use up the verification's attempts.
alter table verification
    add column code_hash           bytea   check (octet_length(code_hash) = 32),
    add column attempts_remaining  integer check (attempts_remaining >= 0);
create index verification_by_user on verification (user_id, created_at);

-- Consecutive wrong codes of a user across verifications; at the limit the code methods lock for a while.
alter table user_guard
    add column failed_code_attempts integer not null default 0 check (failed_code_attempts >= 0),
    add column codes_locked_until   timestamptz;

-- Push notifications to deliver to the gateway, written with the verification (transactional outbox).
create table push_outbox (
    id               uuid          primary key,
    verification_id  uuid          not null,
    device_id        uuid          not null,
    payload          text          not null,
    status           varchar(16)   not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       varchar(500),
    created_at       timestamptz   not null,
    sent_at          timestamptz
);
create index push_outbox_due on push_outbox (next_attempt_at) where status = 'PENDING';
