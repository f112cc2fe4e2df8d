package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.limits.UserGuards;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An attempt to complete a verification in the browser that started it, with a code (TOTP, email) or a passkey:
 * the caller's pending verification of such a method is opened while the user's code methods are not locked; the
 * factor that answered approves it, or the attempt fails, spending one of the verification's attempts (the last one
 * fails it) and counting against the user's lockout.
 */
@ApplicationScoped
class Attempts {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final UserGuards guards;
    private final Caller caller;
    private final VerificationConfig config;

    Attempts(VerificationRepository verifications, VerificationEvents events, UserGuards guards, Caller caller,
            VerificationConfig config) {
        this.verifications = verifications;
        this.events = events;
        this.guards = guards;
        this.caller = caller;
        this.config = config;
    }

    /**
     * The caller's pending verification in the workspace; 409 {@code wrong_method} when its method is not one of
     * {@code methods}, which are completed with {@code what} ("a code", "a passkey").
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Verification open(String workspaceId, UUID id, Set<VerificationMethod> methods, String what, Instant now) {
        Verification verification = verifications.requireOwned(workspaceId, id, caller.userId());
        if (!methods.contains(verification.method())) {
            throw new ProblemException(ProblemType.WRONG_METHOD,
                    "A " + name(verification.method()) + " verification is not completed with " + what + ".");
        }
        guards.requireCodesUnlocked(caller.userId(), now);
        verification.requirePending(now);
        return verification;
    }

    /** Approves the verification with the factor that answered, and resets the user's failure count. */
    @Transactional(Transactional.TxType.MANDATORY)
    VerificationView succeeded(Verification verification, EnrolledFactor factor, Instant now) {
        verification.approveWithoutDevice(now);
        verifications.flushOrNotPending();
        guards.codeSucceeded(caller.userId());
        events.decided(verification, factor.describe(event("verification.approved", verification)
                .detail("method", name(verification.method()))), "approved");
        return VerificationView.of(verification, now, config.pollInterval().toSeconds());
    }

    /**
     * A wrong code: the failure is recorded in a transaction of its own, so that it stays although the request
     * answers an error; answers the 400 {@code invalid_code} to throw, with the attempts left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    ProblemException wrongCode(Verification verification, Instant now) {
        int remaining = QuarkusTransaction.requiringNew().call(() -> failed(verification,
                event("verification.code_failed", verification), now));
        return ProblemException.invalidCode(remaining == 0
                ? "The code is not valid, and that was the last attempt: the verification failed."
                : "The code is not valid.", remaining);
    }

    /**
     * Records a failure (its event gets the attempts left) and answers the attempts left. The user's count goes
     * first: when concurrent failures have just locked the user's methods, this one is refused (429) and spends
     * nothing. Callers run it in a transaction of its own, so that it stays although the request answers an error.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int failed(Verification verification, AuditEvent failure, Instant now) {
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
