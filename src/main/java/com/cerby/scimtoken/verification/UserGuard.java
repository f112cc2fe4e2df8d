package com.cerby.scimtoken.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Per-user protections kept in the database, so that every instance enforces them (written by upsert). */
@Entity
@Table(name = "user_guard")
public class UserGuard {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "push_blocked_until")
    private Instant pushBlockedUntil;

    protected UserGuard() {
    }

    /** How long push stays blocked from now on, if it is. */
    Optional<Duration> pushBlockedFor(Instant now) {
        return pushBlockedUntil != null && now.isBefore(pushBlockedUntil)
                ? Optional.of(Duration.between(now, pushBlockedUntil))
                : Optional.empty();
    }
}
