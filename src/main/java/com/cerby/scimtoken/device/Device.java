package com.cerby.scimtoken.device;

import com.cerby.scimtoken.factor.OwnedFactor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/** A user's enrolled phone: its public key verifies the decisions it signs. */
@Entity
@Table(name = "device")
public class Device extends OwnedFactor {

    @Column(name = "public_jwk", nullable = false, updatable = false)
    private String publicJwk;

    @Column(name = "push_token")
    private String pushToken;

    protected Device() {
    }

    Device(String userId, String name, String canonicalJwk, String pushToken, Instant now) {
        super(userId, name, now);
        this.publicJwk = canonicalJwk;
        this.pushToken = pushToken;
    }

    public Optional<String> pushToken() {
        return Optional.ofNullable(pushToken);
    }

    PublicKey publicKey() {
        return DevicePublicKey.parse(publicJwk);
    }
}
