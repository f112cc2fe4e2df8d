package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.limits.UserGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * "This wasn't me": the user who got a verification email they did not ask for reports it with the mailed code,
 * from any session of theirs (no completion secret, no workspace). The verification is denied and email
 * verifications of the user pause for a while, as push does after a phone's report. The code proves the reporter
 * read the mail; a wrong one is a failed attempt like any wrong code.
 */
@ApplicationScoped
public class EmailReports {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final EmailMethod email;
    private final Attempts attempts;
    private final UserGuards guards;
    private final Caller caller;
    private final Clock clock;

    EmailReports(VerificationRepository verifications, VerificationEvents events, EmailMethod email,
            Attempts attempts, UserGuards guards, Caller caller, Clock clock) {
        this.verifications = verifications;
        this.events = events;
        this.email = email;
        this.attempts = attempts;
        this.guards = guards;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public DecisionView report(UUID id, String code) {
        Instant now = clock.instant();
        Verification verification = verifications.findOwned(id, caller.userId())
                .orElseThrow(VerificationRepository::notFound);
        if (verification.method() != VerificationMethod.EMAIL) {
            throw new ProblemException(ProblemType.WRONG_METHOD, "Only an email verification is reported with its"
                    + " code; a push verification is reported on the phone.");
        }
        verification.requirePending(now);
        return switch (email.check(verification, code, now)) {
            case MATCH -> {
                verification.deny(VerificationReason.REPORTED_SUSPICIOUS, now, null);
                verifications.flushOrNotPending();
                guards.blockEmail(caller.userId(), now);
                events.decided(verification, event("verification.reported", verification)
                        .detail("method", name(VerificationMethod.EMAIL))
                        .detail("reason", name(VerificationReason.REPORTED_SUSPICIOUS)), "reported");
                yield new DecisionView(id, verification.statusAt(now), verification.reason());
            }
            default -> throw attempts.wrongCode(verification, now);
        };
    }
}
