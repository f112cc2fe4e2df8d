package com.cerby.scimtoken.scimtoken;

import java.time.Instant;
import java.util.UUID;

/** What anyone allowed to manage provisioning may see of a workspace's token, without verification. */
public record ScimTokenMetadata(boolean exists, UUID tokenId, String hint, Instant createdAt, String createdBy,
        Instant lastUsedAt, Instant expiresAt, Previous previous) {

    /** A rotated-out token that still works until {@code expiresAt}. */
    public record Previous(UUID tokenId, String hint, Instant expiresAt) {
    }

    static final ScimTokenMetadata NONE = new ScimTokenMetadata(false, null, null, null, null, null, null, null);
}
