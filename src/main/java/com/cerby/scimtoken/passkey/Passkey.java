package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.EnrolledFactor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's registered passkey: the attested credential data (credential id and public key) as webauthn4j
 * serialises it, the transports the browser reported, and the signature counter, which must only grow.
 */
@Entity
@Table(name = "passkey")
public class Passkey {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "credential_id", nullable = false, updatable = false)
    private byte[] credentialId;

    @Column(name = "attested_credential_data", nullable = false, updatable = false)
    private byte[] attestedCredentialData;

    @Column(name = "sign_count", nullable = false)
    private long signCount;

    @Column(name = "backup_eligible", nullable = false, updatable = false)
    private boolean backupEligible;

    @Column(name = "backup_state", nullable = false)
    private boolean backupState;

    @Column(updatable = false)
    private String transports;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected Passkey() {
    }

    static Passkey register(String userId, String name, byte[] credentialId, byte[] attestedCredentialData,
            long signCount, boolean backupEligible, boolean backupState, String transports, Instant now) {
        Passkey passkey = new Passkey();
        passkey.id = UUID.randomUUID();
        passkey.userId = userId;
        passkey.name = name;
        passkey.credentialId = credentialId;
        passkey.attestedCredentialData = attestedCredentialData;
        passkey.signCount = signCount;
        passkey.backupEligible = backupEligible;
        passkey.backupState = backupState;
        passkey.transports = transports;
        passkey.createdAt = now;
        return passkey;
    }

    /** A successful assertion: the authenticator's new counter and backup state. */
    void used(long newSignCount, boolean newBackupState, Instant now) {
        signCount = newSignCount;
        backupState = newBackupState;
        lastUsedAt = now;
    }

    EnrolledFactor factor() {
        return new EnrolledFactor("passkey", id, createdAt);
    }

    public UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    byte[] credentialId() {
        return credentialId;
    }

    byte[] attestedCredentialData() {
        return attestedCredentialData;
    }

    long signCount() {
        return signCount;
    }

    boolean backupEligible() {
        return backupEligible;
    }

    boolean backupState() {
        return backupState;
    }

    /** The transports as the browser named them (usb, nfc, ble, hybrid, internal), comma-separated; may be null. */
    String transports() {
        return transports;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}
