package com.cerby.scimtoken.factor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One recovery code of a user, as stored: only its keyed hash (and the id of the key it was derived from), the set
 * it belongs to, and whether it was used. It is spent by a conditional update, so that it works once.
 */
@Entity
@Table(name = "recovery_code")
class RecoveryCode {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "set_id", nullable = false, updatable = false)
    private UUID setId;

    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;

    @Column(name = "code_hash", nullable = false, updatable = false)
    private byte[] codeHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(String userId, UUID setId, String keyId, byte[] codeHash, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.setId = setId;
        this.keyId = keyId;
        this.codeHash = codeHash;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    UUID setId() {
        return setId;
    }

    String keyId() {
        return keyId;
    }

    byte[] codeHash() {
        return codeHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isUsed() {
        return usedAt != null;
    }
}
