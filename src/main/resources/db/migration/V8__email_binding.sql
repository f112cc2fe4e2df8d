-- An email verification completes only in the client that started it: the start answer gave that client a random
-- secret, kept here only as its SHA-256 hash. Whoever merely reads the mail (or clicks its link in another
-- browser) holds the code but not the secret.
alter table verification
    add column completion_secret_hash bytea check (octet_length(completion_secret_hash) = 32);

-- After a user reports an email verification as suspicious ("This wasn't me"), email verifications are refused
-- for a while, as push is after a phone's report.
alter table user_guard
    add column email_blocked_until timestamptz;
