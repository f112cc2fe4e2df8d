package com.cerby.scimtoken.limits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Per-user protections kept in the database, so that every instance enforces them (written by upserts). */
@Entity
@Table(name = "user_guard")
public class UserGuard {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "push_blocked_until")
    private Instant pushBlockedUntil;

    @Column(name = "email_blocked_until")
    private Instant emailBlockedUntil;

    @Column(name = "failed_code_attempts", nullable = false)
    private int failedCodeAttempts;

    @Column(name = "codes_locked_until")
    private Instant codesLockedUntil;

    protected UserGuard() {
    }

    /** How long push stays blocked from now on, if it is. */
    Optional<Duration> pushBlockedFor(Instant now) {
        return remaining(pushBlockedUntil, now);
    }

    /** How long email verifications stay blocked from now on, if they are. */
    Optional<Duration> emailBlockedFor(Instant now) {
        return remaining(emailBlockedUntil, now);
    }

    /** How long the code methods (TOTP, email) stay locked from now on, if they are. */
    Optional<Duration> codesLockedFor(Instant now) {
        return remaining(codesLockedUntil, now);
    }

    private static Optional<Duration> remaining(Instant until, Instant now) {
        return until != null && now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }
}
