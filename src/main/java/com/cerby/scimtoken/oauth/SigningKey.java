package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.crypto.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An access-token signing key as stored: the private JWK encrypted, the public JWK in the clear. */
@Entity
@Table(name = "oauth_signing_key")
public class SigningKey {

    @Id
    private String kid;

    @Embedded
    private SealedSecret privateJwk;

    @Column(name = "public_jwk", nullable = false, updatable = false)
    private String publicJwk;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SigningKey() {
    }

    static SigningKey of(String kid, SealedSecret privateJwk, String publicJwk, Instant createdAt) {
        SigningKey key = new SigningKey();
        key.kid = kid;
        key.privateJwk = privateJwk;
        key.publicJwk = publicJwk;
        key.createdAt = createdAt;
        return key;
    }

    String kid() {
        return kid;
    }

    SealedSecret privateJwk() {
        return privateJwk;
    }

    String publicJwk() {
        return publicJwk;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** What the sealed private key is bound to: a key row cannot be swapped for another's ciphertext. */
    static String cipherContext(String kid) {
        return "oauth-signing-key:" + kid;
    }
}
