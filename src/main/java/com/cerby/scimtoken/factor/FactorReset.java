package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

/**
 * An operator's reset of a user who lost every factor (role {@code factor_admin}): each kind of factor removes the
 * user's own, finished or not, and their pending verifications are cancelled. The user then starts again under the
 * first-factor rule. The reset is recorded with the user as actor, so that it is in their security feed, and with
 * the operator's id. It is not mailed: the operator's JWT carries no address of the user, and the service keeps none.
 */
@ApplicationScoped
public class FactorReset {

    private final Instance<FactorInventory> inventories;
    private final PendingVerifications verifications;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final Caller caller;

    FactorReset(Instance<FactorInventory> inventories, PendingVerifications verifications, AdvisoryLocks locks,
            AuditLog audit, Caller caller) {
        this.inventories = inventories;
        this.verifications = verifications;
        this.locks = locks;
        this.audit = audit;
        this.caller = caller;
    }

    /** Resets the user's factors; a user who had none is reset all the same (and it is recorded). */
    @Transactional
    public void reset(String userId) {
        // The lock FactorGate takes for the user's changes: no enrollment of theirs lands halfway through the reset.
        locks.lock("factors:" + userId);
        int removed = inventories.stream().mapToInt(inventory -> inventory.removeAll(userId)).sum();
        int cancelled = verifications.cancelAll(userId);
        audit.record(AuditEvent.of(FactorChange.RESET_FACTORS.event(), null, userId)
                .detail("operatorId", caller.userId())
                .detail("factorsRemoved", removed)
                .detail("verificationsCancelled", cancelled));
    }
}
