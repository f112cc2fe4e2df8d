package com.cerby.scimtoken.factor;

import java.time.Instant;

/**
 * One kind of unfinished enrollment (a TOTP authenticator not yet confirmed, a passkey registration challenge). An
 * unfinished enrollment is not a factor and gives no right later: it dies after
 * {@code scim-token.factors.pending-ttl}, and {@link PendingEnrollmentSweeper} deletes the dead ones.
 */
public interface PendingEnrollments {

    /** Deletes the enrollments that are past their time; answers how many. */
    int sweep(Instant now);
}
