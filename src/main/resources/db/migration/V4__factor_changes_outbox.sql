-- A verification may also allow one change of the user's factors.
alter table verification drop constraint verification_action_check;
alter table verification add constraint verification_action_check
    check (action in ('REVEAL', 'ROTATE', 'REVOKE', 'MANAGE_FACTORS'));

-- A TOTP authenticator gets an id of its own, so that events can name the factor that approved a verification.
alter table totp_factor add column id uuid not null default gen_random_uuid() unique;
alter table totp_factor alter column id drop default;

-- A user's security feed: the factor changes they made, in any workspace.
create index audit_event_by_actor on audit_event (actor_id, occurred_at desc, id desc);

-- The push outbox becomes the outbox of every channel: push notifications and mailed notices.
alter table push_outbox rename to outbox;
alter table outbox drop column verification_id, drop column device_id;
alter table outbox add column channel varchar(16) not null default 'PUSH' check (channel in ('PUSH', 'MAIL'));
alter table outbox alter column channel drop default;
drop index push_outbox_due;
create index outbox_due on outbox (channel, next_attempt_at) where status = 'PENDING';
