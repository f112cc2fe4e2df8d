package com.cerby.scimtoken.push;

import java.time.Instant;
import java.util.UUID;

/** What the gateway gets to wake the phone. Never the number to type: only the requester's page shows it. */
public record PushPayload(UUID deviceId, String pushToken, UUID verificationId, String workspaceId, String action,
        Requester requester, Instant expiresAt) {

    public record Requester(String ipAddress, String userAgent) {
    }
}
