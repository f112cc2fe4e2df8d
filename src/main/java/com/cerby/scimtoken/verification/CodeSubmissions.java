package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.totp.CodeCheck;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Completes a TOTP or email verification with its code. A wrong code is a {@link FailedAttempts failed attempt}.
 */
@ApplicationScoped
public class CodeSubmissions {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final TotpMethod totp;
    private final EmailMethod email;
    private final UserGuards guards;
    private final FailedAttempts attempts;
    private final Caller caller;
    private final VerificationConfig config;
    private final Clock clock;

    CodeSubmissions(VerificationRepository verifications, VerificationEvents events, TotpMethod totp,
            EmailMethod email, UserGuards guards, FailedAttempts attempts, Caller caller, VerificationConfig config,
            Clock clock) {
        this.verifications = verifications;
        this.events = events;
        this.totp = totp;
        this.email = email;
        this.guards = guards;
        this.attempts = attempts;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public VerificationView submit(String workspaceId, UUID id, String code) {
        Instant now = clock.instant();
        Verification verification = verifications.requireOwned(workspaceId, id, caller.userId());
        CodeMethod method = switch (verification.method()) {
            case TOTP -> totp;
            case EMAIL -> email;
            default -> throw new ProblemException(ProblemType.WRONG_METHOD,
                    "A " + name(verification.method()) + " verification is not completed with a code.");
        };
        guards.requireCodesUnlocked(caller.userId(), now);
        verification.requirePending(now);
        switch (method.check(verification, code, now)) {
            case MATCH -> {
                verification.approveWithoutDevice(now);
                verifications.flushOrNotPending();
                guards.codeSucceeded(caller.userId());
                events.decided(verification, method.factor(caller.userId())
                        .describe(event("verification.approved", verification)
                                .detail("method", name(verification.method()))), "approved");
                return VerificationView.of(verification, now, config.pollInterval().toSeconds());
            }
            case REPLAYED -> throw new ProblemException(ProblemType.CODE_ALREADY_USED,
                    "This code was already used; wait for the next one.");
            default -> {
                int remaining = QuarkusTransaction.requiringNew().call(() -> attempts.record(verification,
                        event("verification.code_failed", verification), now));
                throw ProblemException.invalidCode(remaining == 0
                        ? "The code is not valid, and that was the last attempt: the verification failed."
                        : "The code is not valid.", remaining);
            }
        }
    }
}
