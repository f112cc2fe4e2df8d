package com.cerby.scimtoken.scimtoken;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What anyone allowed to manage provisioning may see of a workspace's token, without verification. {@code status}
 * says why there is no working token: {@code none} (never had one: the next reveal creates it), {@code revoked} or
 * {@code expired} (only an owner's rotation issues a new one; an expired token is still described).
 */
public record ScimTokenMetadata(boolean exists, String status, UUID tokenId, String hint, Instant createdAt,
        String createdBy, Instant lastUsedAt, Instant expiresAt, Long expiresInDays, Previous previous) {

    /** A rotated-out token that still works until {@code expiresAt}. */
    public record Previous(UUID tokenId, String hint, Instant expiresAt) {
    }

    static final ScimTokenMetadata NONE = new ScimTokenMetadata(false, "none", null, null, null, null, null, null,
            null, null);
    static final ScimTokenMetadata REVOKED = new ScimTokenMetadata(false, "revoked", null, null, null, null, null,
            null, null, null);

    /**
     * The current token: active (with the days it has left, rounded up, when it expires), or expired (then without
     * a previous token, which expired before it).
     */
    static ScimTokenMetadata of(ScimToken current, Instant now, Previous previous) {
        boolean active = current.isActiveAt(now);
        Long daysLeft = active && current.expiresAt() != null
                ? ScimToken.daysLeft(Duration.between(now, current.expiresAt()))
                : null;
        return new ScimTokenMetadata(active, active ? "active" : "expired", current.id(), current.hint(),
                current.createdAt(), current.createdBy(), current.lastUsedAt(), current.expiresAt(), daysLeft,
                previous);
    }
}
