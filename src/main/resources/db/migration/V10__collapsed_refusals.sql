-- A burst of refusals must not bury a real change: the refusals recorded through AuditLog.recordFailure share one
-- row per workspace, user, kind of refusal (type and details) and minute, whose details.count says how many there
-- were. collapse_key is the SHA-256 of those; the unique index makes concurrent refusals meet in one
-- "insert ... on conflict do update". Events that are not refusals have no key and stay a row each.
alter table audit_event add column collapse_key bytea;
create unique index audit_event_collapsed on audit_event (collapse_key);
