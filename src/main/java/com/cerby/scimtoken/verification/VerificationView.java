package com.cerby.scimtoken.verification;

import java.time.Instant;
import java.util.UUID;

/** A verification as its requester sees it, number challenge included. */
public record VerificationView(UUID id, String workspaceId, VerificationAction action, VerificationMethod method,
        VerificationStatus status, VerificationReason reason, Integer numberChallenge, Instant createdAt,
        Instant expiresAt, Instant decidedAt, long pollIntervalSeconds, Integer attemptsRemaining) {

    static VerificationView of(Verification verification, Instant now, long pollIntervalSeconds) {
        return new VerificationView(verification.id(), verification.workspaceId(), verification.action(),
                verification.method(), verification.statusAt(now), verification.reason(),
                verification.numberChallenge(), verification.createdAt(), verification.expiresAt(),
                verification.decidedAt(), pollIntervalSeconds, verification.attemptsRemaining());
    }
}
