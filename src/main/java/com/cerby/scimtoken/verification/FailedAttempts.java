package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.limits.UserGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * A wrong code or a refused passkey: it spends one of the verification's attempts (the last one fails it) and
 * counts against the user's lockout. Callers run it in a transaction of its own, so that it stays although the
 * request answers an error.
 */
@ApplicationScoped
class FailedAttempts {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final UserGuards guards;

    FailedAttempts(VerificationRepository verifications, VerificationEvents events, UserGuards guards) {
        this.verifications = verifications;
        this.events = events;
        this.guards = guards;
    }

    /**
     * Records the failure (its event gets the attempts left) and answers the attempts left. The user's count goes
     * first: when concurrent failures have just locked the user's methods, this one is refused (429) and spends
     * nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int record(Verification verification, AuditEvent failure, Instant now) {
        guards.codeFailed(verification.userId(), verification.workspaceId(), now);
        int remaining = verifications.spendAttempt(verification.id(), now).orElseThrow(() -> new ProblemException(
                ProblemType.VERIFICATION_NOT_PENDING, "The verification was decided by another request."));
        events.changed(verification, failure.detail("attemptsRemaining", remaining));
        if (remaining == 0) {
            events.decided(verification, event("verification.failed", verification)
                    .detail("reason", "too_many_attempts"), "failed");
        }
        return remaining;
    }
}
