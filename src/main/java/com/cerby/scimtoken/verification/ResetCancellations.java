package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;

import com.cerby.scimtoken.factor.PendingVerifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Cancels a user's pending verifications, and voids their approvals not spent yet, when an operator resets their
 * factors: a push, code or passkey asked for (or answered) before the reset must not allow anything after it. Each
 * is locked first, so a decision or a spend under way waits and then finds it cancelled or used.
 */
@ApplicationScoped
class ResetCancellations implements PendingVerifications {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final Clock clock;

    ResetCancellations(VerificationRepository verifications, VerificationEvents events, Clock clock) {
        this.verifications = verifications;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelAll(String userId) {
        Instant now = clock.instant();
        List<Verification> pending = verifications.find("userId = ?1 and status = ?2 and expiresAt > ?3", userId,
                VerificationStatus.PENDING, now).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Verification verification : pending) {
            verification.cancel(now);
            events.decided(verification, event("verification.cancelled", verification)
                    .detail("reason", "factor_reset"), "cancelled");
        }
        List<Verification> unspent = verifications.find("userId = ?1 and status = ?2 and usedAt is null", userId,
                VerificationStatus.APPROVED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        unspent.forEach(approval -> approval.voidApproval(now));
        verifications.flushOrNotPending();
        return pending.size() + unspent.size();
    }
}
