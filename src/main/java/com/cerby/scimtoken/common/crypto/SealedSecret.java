package com.cerby.scimtoken.common.crypto;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A secret as stored: AES-256-GCM ciphertext (with tag), its 12-byte nonce and the id of the key used. Entities
 * embed it as the columns {@code key_id}, {@code nonce} and {@code ciphertext}.
 */
@Embeddable
public record SealedSecret(
        @Column(name = "key_id", nullable = false, updatable = false) String keyId,
        @Column(name = "nonce", nullable = false, updatable = false) byte[] nonce,
        @Column(name = "ciphertext", nullable = false, updatable = false) byte[] ciphertext) {
}
