-- A TOTP enrollment keeps the manage_factors approval it was started with, so that its confirmation, where the
-- factor rule is checked again, knows what proof the user gave; unfinished enrollments are swept after a while.
alter table totp_factor add column proof_verification_id uuid;
create index totp_factor_unconfirmed on totp_factor (created_at) where confirmed_at is null;
create index passkey_challenge_by_expiry on passkey_challenge (expires_at);
