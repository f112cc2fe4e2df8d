package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.FactorChangeGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * An approved verification grants exactly one operation of its action (a reveal, a rotation, a revocation, a factor
 * change), spent in the operation's transaction: approved, recent enough, by the same user in the same workspace,
 * and not spent yet. A refusal is audited even though the operation's transaction rolls back.
 */
@ApplicationScoped
public class Grants implements FactorChangeGrants {

    private final VerificationRepository verifications;
    private final AuditLog audit;
    private final Caller caller;
    private final VerificationConfig config;
    private final Clock clock;

    Grants(VerificationRepository verifications, AuditLog audit, Caller caller, VerificationConfig config,
            Clock clock) {
        this.verifications = verifications;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Spends the approval on an operation of the action. A token operation's approval is spent in the workspace it
     * was started in; a {@code manage_factors} approval (workspaceId null) belongs to the user, whatever workspace
     * the spending session names.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String workspaceId, UUID id, VerificationAction action) {
        try {
            Verification verification = verifications.findOwned(id, caller.userId())
                    .filter(found -> workspaceId == null || found.workspaceId().equals(workspaceId))
                    .orElseThrow(() -> new ProblemException(ProblemType.VERIFICATION_REQUIRED,
                            "Start a verification for this action and have it approved first."));
            verification.use(action, clock.instant(), config.grantTtl());
            verifications.flush();
        } catch (OptimisticLockException e) {
            refuse(workspaceId, id, action, ProblemType.VERIFICATION_ALREADY_USED);
            throw new ProblemException(ProblemType.VERIFICATION_ALREADY_USED,
                    "This verification has already been used; start a new one.");
        } catch (ProblemException e) {
            refuse(workspaceId, id, action, e.type());
            throw e;
        }
    }

    /** Factor changes spend a {@code manage_factors} verification of the caller, started in any workspace. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(UUID verificationId) {
        spend(null, verificationId, VerificationAction.MANAGE_FACTORS);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean wasSpent(UUID verificationId) {
        return verifications.findOwned(verificationId, caller.userId())
                .filter(found -> found.isSpentOn(VerificationAction.MANAGE_FACTORS))
                .isPresent();
    }

    private void refuse(String workspaceId, UUID id, VerificationAction action, ProblemType problem) {
        audit.recordFailure(AuditEvent.of(action.refusedEvent(), workspaceId != null ? workspaceId
                : caller.workspaceId(), caller.userId())
                .verification(id).detail("code", problem.code()));
    }
}
