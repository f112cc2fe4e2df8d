package com.cerby.scimtoken.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A verification as its requester sees it, number challenge included; a passkey verification also carries the
 * request options for {@code navigator.credentials.get}.
 */
public record VerificationView(UUID id, String workspaceId, VerificationAction action, VerificationMethod method,
        VerificationStatus status, VerificationReason reason, Integer numberChallenge, Instant createdAt,
        Instant expiresAt, Instant decidedAt, long pollIntervalSeconds, Integer attemptsRemaining,
        @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String publicKeyCredentialRequestOptions) {

    static VerificationView of(Verification verification, Instant now, long pollIntervalSeconds) {
        return new VerificationView(verification.id(), verification.workspaceId(), verification.action(),
                verification.method(), verification.statusAt(now), verification.reason(),
                verification.numberChallenge(), verification.createdAt(), verification.expiresAt(),
                verification.decidedAt(), pollIntervalSeconds, verification.attemptsRemaining(),
                verification.passkeyOptions());
    }
}
