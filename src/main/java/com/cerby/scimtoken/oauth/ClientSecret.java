package com.cerby.scimtoken.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One secret of an OAuth client, as stored: only its SHA-256 (for lookup) and what the UI may show of it. */
@Entity
@Table(name = "oauth_client_secret")
public class ClientSecret {

    @Id
    private UUID id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private UUID clientId;

    @Column(name = "lookup_hash", nullable = false, updatable = false)
    private byte[] lookupHash;

    @Column(nullable = false, updatable = false)
    private String hint;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    protected ClientSecret() {
    }

    static ClientSecret issue(UUID clientId, String secret, String createdBy, Instant now, Instant expiresAt) {
        ClientSecret stored = new ClientSecret();
        stored.id = UUID.randomUUID();
        stored.clientId = clientId;
        stored.lookupHash = SecretFormat.lookupHash(secret);
        stored.hint = SecretFormat.hint(secret);
        stored.createdBy = createdBy;
        stored.createdAt = now;
        stored.expiresAt = expiresAt;
        return stored;
    }

    /** Works until its expiry, if it has one; a revoked secret is deleted, so it is never found. */
    boolean isActiveAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    public UUID id() {
        return id;
    }

    public UUID clientId() {
        return clientId;
    }

    public String hint() {
        return hint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
