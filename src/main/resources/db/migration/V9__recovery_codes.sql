-- Recovery codes: ten single-use codes per user, a set at a time. Only an HMAC-SHA256 of each is kept, under a key
-- derived from the service's encryption key (key_id names it), so a dump of the database alone reveals no code.
create table recovery_code (
    id          uuid         primary key,
    user_id     varchar(64)  not null check (user_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    set_id      uuid         not null,
    key_id      varchar(64)  not null,
    code_hash   bytea        not null check (octet_length(code_hash) = 32),
    created_at  timestamptz  not null,
    used_at     timestamptz,
    unique (user_id, code_hash)
);
create index recovery_code_by_user on recovery_code (user_id);

-- Verifications by recovery code (for manage_factors only), completed with /code like TOTP.
alter table verification drop constraint verification_method_check;
alter table verification add constraint verification_method_check
    check (method in ('PUSH', 'EMAIL', 'TOTP', 'PASSKEY', 'RECOVERY_CODE'));
