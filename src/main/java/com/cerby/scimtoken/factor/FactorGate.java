package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The rule that a session JWT alone never changes a user's factors: someone holding a stolen session must not add
 * a phone of their own, nor remove the user's. A user who has a factor proves it by spending an approved
 * {@code manage_factors} verification; a user without one shows a fresh login (or an email link, or nothing, by
 * {@code scim-token.factors.first-enrollment}). The rule is checked when a change takes effect, against the user's
 * factors at that moment: an enrollment that began as a first factor is not one once the user has another. Every
 * refusal is audited.
 */
@ApplicationScoped
public class FactorGate {

    /** How far in the future a login may lie and still count: the identity provider's clock may run ahead. */
    static final Duration AUTH_TIME_SKEW = Duration.ofSeconds(60);

    private final UserFactors factors;
    private final FactorChangeGrants grants;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final Caller caller;
    private final FactorsConfig config;
    private final Clock clock;

    FactorGate(UserFactors factors, FactorChangeGrants grants, AdvisoryLocks locks, AuditLog audit,
            Caller caller, FactorsConfig config, Clock clock) {
        this.factors = factors;
        this.grants = grants;
        this.locks = locks;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Lets the change happen in the caller's transaction, or refuses it with a problem. The user's factor changes
     * are serialised, so two first enrollments cannot both count as the first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireProof(FactorChange change, UUID verificationId) {
        requireProof(change, verificationId, null);
    }

    /**
     * As {@link #requireProof(FactorChange, UUID)}, for a change that finishes an enrollment begun earlier:
     * {@code keptProof} is the approval spent when it began (null when it began as a first factor), checked again
     * here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireProof(FactorChange change, UUID verificationId, UUID keptProof) {
        locks.lock("factors:" + caller.userId());
        if (verificationId != null) {
            grants.spend(verificationId);
            return;
        }
        if (keptProof != null && grants.wasSpent(keptProof)) {
            return;
        }
        if (factors.hasAny(caller.userId())) {
            throw refused(change, ProblemType.STEP_UP_REQUIRED, "Changing your factors takes an approved"
                    + " verification with action manage_factors; send its id as verificationId.");
        }
        switch (config.firstEnrollment()) {
            case RECENT_LOGIN -> requireRecentLogin(change);
            case EMAIL -> throw refused(change, ProblemType.STEP_UP_REQUIRED, "Confirm your first factor with the"
                    + " link we email you: start a verification with action manage_factors and method email, open"
                    + " the link, then send the verification's id as verificationId.");
            case OPEN -> {
            }
        }
    }

    /** A login counts when it is at most max-auth-age old, and not in the future beyond the allowed clock skew. */
    private void requireRecentLogin(FactorChange change) {
        Duration maxAge = config.maxAuthAge();
        Instant now = clock.instant();
        boolean recent = caller.authTime()
                .filter(login -> !login.plus(maxAge).isBefore(now) && !login.isAfter(now.plus(AUTH_TIME_SKEW)))
                .isPresent();
        if (!recent) {
            throw refused(change, ProblemType.LOGIN_TOO_OLD, "Sign in again, then enroll your first factor within "
                    + maxAge.toMinutes() + " minutes of signing in.");
        }
    }

    private ProblemException refused(FactorChange change, ProblemType problem, String detail) {
        audit.recordFailure(AuditEvent.of(FactorChange.REFUSED_EVENT, caller.workspaceId(), caller.userId())
                .detail("change", change.name().toLowerCase(Locale.ROOT)).detail("code", problem.code()));
        return new ProblemException(problem, detail);
    }
}
