package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;

import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.passkey.CredentialRefused;
import com.cerby.scimtoken.passkey.PasskeyAssertions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A passkey of the user signs the verification's own challenge, in the browser that started it: phishing-resistant,
 * because the browser binds the signature to the page's origin. A refused assertion is a failed {@link Attempts
 * attempt}, as a wrong code is; a signature counter that went backwards is audited as
 * {@code passkey.counter_regressed}.
 */
@ApplicationScoped
public class PasskeyMethod implements VerificationMethodHandler {

    private final PasskeyAssertions assertions;
    private final Attempts attempts;
    private final UserGuards guards;
    private final AuditLog audit;
    private final VerificationConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    PasskeyMethod(PasskeyAssertions assertions, Attempts attempts, UserGuards guards, AuditLog audit,
            VerificationConfig config, ObjectMapper json, Clock clock) {
        this.assertions = assertions;
        this.attempts = attempts;
        this.guards = guards;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.PASSKEY;
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requireCodesUnlocked(userId, now);
        if (!assertions.canVerify(userId)) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Register a passkey (POST /api/v1/me/passkeys) first.");
        }
    }

    @Override
    public void begin(Verification verification) {
        PasskeyAssertions.Challenge challenge = assertions.challenge(verification.userId(),
                Duration.between(verification.createdAt(), verification.expiresAt()));
        try {
            verification.expectPasskey(config.maxCodeAttempts(), challenge.value(),
                    json.writeValueAsString(challenge.options()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request options are plain records", e);
        }
    }

    /** Approves the caller's passkey verification with the browser's assertion, or refuses it (403). */
    @Transactional
    public VerificationView complete(String workspaceId, UUID id, String credentialJson) {
        Instant now = clock.instant();
        Verification verification = attempts.open(workspaceId, id, Set.of(VerificationMethod.PASSKEY), "a passkey",
                now);
        EnrolledFactor passkey;
        try {
            passkey = assertions.verify(verification.userId(), credentialJson, verification.passkeyChallenge(), now);
        } catch (CredentialRefused refused) {
            int remaining = QuarkusTransaction.requiringNew().call(() -> recordRefusal(verification, refused, now));
            throw ProblemException.failedAttempt(ProblemType.INVALID_ASSERTION, refused.getMessage()
                    + (remaining == 0 ? " That was the last attempt: the verification failed." : ""), remaining);
        }
        return attempts.succeeded(verification, passkey, now);
    }

    private int recordRefusal(Verification verification, CredentialRefused refused, Instant now) {
        refused.regressedCount().ifPresent(presented -> audit.record(event("passkey.counter_regressed", verification)
                .detail("factorId", refused.passkeyId().toString()).detail("storedSignCount", refused.storedCount())
                .detail("presentedSignCount", presented)));
        return attempts.failed(verification, event("verification.passkey_failed", verification)
                .detail("reason", refused.getMessage()), now);
    }
}
