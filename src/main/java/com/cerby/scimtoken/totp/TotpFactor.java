package com.cerby.scimtoken.totp;

import com.cerby.scimtoken.common.crypto.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A user's TOTP authenticator: the encrypted seed, whether it was confirmed, and the last time step used. */
@Entity
@Table(name = "totp_factor")
public class TotpFactor {

    @Id
    @Column(name = "user_id")
    private String userId;

    /** Names the authenticator in events; the row is keyed by its user, who has at most one. */
    @Column(nullable = false, updatable = false)
    private UUID id;

    @Embedded
    private SealedSecret secret;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    /** The manage_factors approval spent when the enrollment began; null when it began as a first factor. */
    @Column(name = "proof_verification_id", updatable = false)
    private UUID proofVerificationId;

    @Column(name = "last_used_step", nullable = false)
    private long lastUsedStep = -1;

    @Version
    private long version;

    protected TotpFactor() {
    }

    static TotpFactor enroll(String userId, SealedSecret seed, UUID proofVerificationId, Instant now) {
        TotpFactor factor = new TotpFactor();
        factor.userId = userId;
        factor.id = UUID.randomUUID();
        factor.secret = seed;
        factor.proofVerificationId = proofVerificationId;
        factor.createdAt = now;
        return factor;
    }

    static String cipherContext(String userId) {
        return "totp/" + userId;
    }

    String userId() {
        return userId;
    }

    UUID id() {
        return id;
    }

    SealedSecret seed() {
        return secret;
    }

    boolean isConfirmed() {
        return confirmedAt != null;
    }

    UUID proofVerificationId() {
        return proofVerificationId;
    }

    /** Whether an unconfirmed enrollment has outlived the time it had to be confirmed in. */
    boolean isUnfinishedPast(Duration pendingTtl, Instant now) {
        return !isConfirmed() && !now.isBefore(createdAt.plus(pendingTtl));
    }

    void confirm(Instant now) {
        confirmedAt = now;
    }

    Instant confirmedAt() {
        return confirmedAt;
    }

    /** Spends a matched time step; a step at or before the last one spent is a replay and is refused. */
    boolean spend(long step) {
        if (step <= lastUsedStep) {
            return false;
        }
        lastUsedStep = step;
        return true;
    }
}
