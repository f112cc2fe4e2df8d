-- Who to tell about a workspace's token: the email of every owner whose JWT the service has seen there.
create table owner_contact (
    workspace_id  varchar(64)  not null check (workspace_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    email         varchar(320) not null,
    last_seen_at  timestamptz  not null,
    primary key (workspace_id, email)
);

-- Expiry warnings already sent (each threshold once per token, across instances).
create table token_expiry_warning (
    token_id       uuid        not null,
    days_before    integer     not null check (days_before > 0),
    sent_at        timestamptz not null,
    primary key (token_id, days_before)
);
