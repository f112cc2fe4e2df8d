package com.cerby.scimtoken.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.PublicKey;
import java.time.Instant;
import java.util.UUID;

/** A user's enrolled phone: its public key verifies the decisions it signs. */
@Entity
@Table(name = "device")
public class Device {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "public_jwk", nullable = false, updatable = false)
    private String publicJwk;

    @Column(name = "push_token")
    private String pushToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected Device() {
    }

    static Device enroll(String userId, String name, String canonicalJwk, String pushToken, Instant now) {
        Device device = new Device();
        device.id = UUID.randomUUID();
        device.userId = userId;
        device.name = name;
        device.publicJwk = canonicalJwk;
        device.pushToken = pushToken;
        device.createdAt = now;
        return device;
    }

    public void markUsed(Instant now) {
        lastUsedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public java.util.Optional<String> pushToken() {
        return java.util.Optional.ofNullable(pushToken);
    }

    PublicKey publicKey() {
        return DevicePublicKey.parse(publicJwk);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
