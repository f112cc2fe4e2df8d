package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.crypto.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A workspace's SCIM bearer token as stored: encrypted, with a lookup hash and what the UI may show. */
@Entity
@Table(name = "scim_token")
public class ScimToken {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ScimTokenStatus status;

    @Column(name = "lookup_hash", nullable = false, updatable = false)
    private byte[] lookupHash;

    @Embedded
    private SealedSecret secret;

    @Column(nullable = false, updatable = false)
    private String hint;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private long version;

    protected ScimToken() {
    }

    /** A new current token of a workspace, stored encrypted with a lookup hash and a hint. */
    static ScimToken issue(UUID id, String workspaceId, String token, SealedSecret sealed, String createdBy,
            Instant now, Instant expiresAt) {
        ScimToken scimToken = new ScimToken();
        scimToken.id = id;
        scimToken.workspaceId = workspaceId;
        scimToken.status = ScimTokenStatus.CURRENT;
        scimToken.lookupHash = TokenFormat.lookupHash(token);
        scimToken.secret = sealed;
        scimToken.hint = TokenFormat.hint(token);
        scimToken.createdAt = now;
        scimToken.createdBy = createdBy;
        scimToken.expiresAt = expiresAt;
        return scimToken;
    }

    public UUID id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public ScimTokenStatus status() {
        return status;
    }

    public SealedSecret sealed() {
        return secret;
    }

    public String hint() {
        return hint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The associated data that binds a token's ciphertext to its workspace and row. */
    public static String cipherContext(String workspaceId, UUID tokenId) {
        return "scim-token/" + workspaceId + "/" + tokenId;
    }

    String cipherContext() {
        return cipherContext(workspaceId, id);
    }

    /** Rotated out: the token keeps working until the grace period ends (or its own expiry, if sooner). */
    void retire(Instant graceEnd) {
        status = ScimTokenStatus.PREVIOUS;
        expiresAt = expiresAt == null || graceEnd.isBefore(expiresAt) ? graceEnd : expiresAt;
    }

    void revoke(Instant now) {
        status = ScimTokenStatus.REVOKED;
        revokedAt = now;
    }

    /** Whole days left of a duration, rounded up: a token with 20 hours left expires in 1 day. */
    public static long daysLeft(java.time.Duration left) {
        return (left.toHours() + 23) / 24;
    }

    /** Whether the token authenticates at the given instant. */
    public boolean isActiveAt(Instant now) {
        return status != ScimTokenStatus.REVOKED && (expiresAt == null || now.isBefore(expiresAt));
    }
}
