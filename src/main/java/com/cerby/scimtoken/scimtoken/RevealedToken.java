package com.cerby.scimtoken.scimtoken;

import java.time.Instant;
import java.util.UUID;

/** The token itself, answered once per approved verification and never stored in this form. */
public record RevealedToken(String token, UUID tokenId, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
}
