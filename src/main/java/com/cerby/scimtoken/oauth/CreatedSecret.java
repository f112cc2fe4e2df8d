package com.cerby.scimtoken.oauth;

import java.time.Instant;
import java.util.UUID;

/** A new client secret, answered once: the service keeps only its hash. */
public record CreatedSecret(UUID clientId, UUID secretId, String clientSecret, String hint, Instant createdAt,
        Instant expiresAt) {
}
