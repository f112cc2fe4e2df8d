package com.cerby.scimtoken.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A verification as its requester sees it, number challenge included; a passkey verification also carries the
 * request options for {@code navigator.credentials.get}. The start answer of an email verification carries the
 * completion secret, once: no later read has it.
 */
public record VerificationView(UUID id, String workspaceId, VerificationAction action, VerificationMethod method,
        VerificationStatus status, VerificationReason reason, Integer numberChallenge, Instant createdAt,
        Instant expiresAt, Instant decidedAt, long pollIntervalSeconds, Integer attemptsRemaining,
        @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String publicKeyCredentialRequestOptions,
        @JsonInclude(JsonInclude.Include.NON_NULL) String completionSecret) {

    static VerificationView of(Verification verification, Instant now, long pollIntervalSeconds) {
        return of(verification, now, pollIntervalSeconds, null);
    }

    /** The answer to the start, with the completion secret of an email verification. */
    static VerificationView started(Verification verification, Instant now, long pollIntervalSeconds) {
        return of(verification, now, pollIntervalSeconds, verification.issuedCompletionSecret());
    }

    private static VerificationView of(Verification verification, Instant now, long pollIntervalSeconds,
            String completionSecret) {
        return new VerificationView(verification.id(), verification.workspaceId(), verification.action(),
                verification.method(), verification.statusAt(now), verification.reason(),
                verification.numberChallenge(), verification.createdAt(), verification.expiresAt(),
                verification.decidedAt(), pollIntervalSeconds, verification.attemptsRemaining(),
                verification.passkeyOptions(), completionSecret);
    }
}
