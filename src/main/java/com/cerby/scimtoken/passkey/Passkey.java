package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.factor.OwnedFactor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's registered passkey: the attested credential data (credential id and public key) as webauthn4j
 * serialises it, the transports the browser reported, and the signature counter, which must only grow.
 */
@Entity
@Table(name = "passkey")
public class Passkey extends OwnedFactor {

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

    protected Passkey() {
    }

    Passkey(String userId, String name, byte[] credentialId, byte[] attestedCredentialData, long signCount,
            boolean backupEligible, boolean backupState, String transports, Instant now) {
        super(userId, name, now);
        this.credentialId = credentialId;
        this.attestedCredentialData = attestedCredentialData;
        this.signCount = signCount;
        this.backupEligible = backupEligible;
        this.backupState = backupState;
        this.transports = transports;
    }

    /** A successful assertion: the authenticator's new counter and backup state. */
    void used(long newSignCount, boolean newBackupState, Instant now) {
        signCount = newSignCount;
        backupState = newBackupState;
        markUsed(now);
    }

    EnrolledFactor factor() {
        return new EnrolledFactor("passkey", id(), createdAt());
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
}
