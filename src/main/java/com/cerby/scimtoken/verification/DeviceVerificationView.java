package com.cerby.scimtoken.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pending verification as the phone sees it: who asks, from where; never the number to type. */
public record DeviceVerificationView(UUID id, String workspaceId, VerificationAction action,
        VerificationMethod method, Instant createdAt, Instant expiresAt, Requester requester) {

    public record Requester(String ipAddress, String userAgent) {
    }

    public record Page(List<DeviceVerificationView> items) {
    }

    static DeviceVerificationView of(Verification verification) {
        return new DeviceVerificationView(verification.id(), verification.workspaceId(), verification.action(),
                verification.method(), verification.createdAt(), verification.expiresAt(),
                new Requester(verification.requesterIp(), verification.requesterUserAgent()));
    }
}
