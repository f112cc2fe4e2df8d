package com.cerby.scimtoken.scimtoken;

import java.time.Instant;
import java.util.UUID;

/** The new token after a rotation, answered once, and until when the previous one still works. */
public record RotatedToken(String token, UUID tokenId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
        Instant previousTokenExpiresAt) {
}
