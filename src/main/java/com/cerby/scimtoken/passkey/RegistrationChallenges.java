package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.factor.PendingEnrollments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The challenges of passkey registrations, kept as SHA-256 hashes per user until they expire (an unfinished
 * enrollment: swept when past its time): a registration must sign one that this service issued to the same user, and
 * presenting it spends it, whatever the outcome.
 */
@ApplicationScoped
class RegistrationChallenges implements PendingEnrollments {

    /** What presenting a challenge found. */
    enum Presented { CURRENT, EXPIRED, UNKNOWN }

    private final EntityManager entityManager;

    RegistrationChallenges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Keeps a new challenge for the user. */
    @Transactional(Transactional.TxType.MANDATORY)
    void issue(String userId, byte[] challenge, Instant expiresAt) {
        entityManager.createNativeQuery("""
                insert into passkey_challenge (challenge_hash, user_id, expires_at) values (:hash, :userId, :expiresAt)""")
                .setParameter("hash", Sha256.of(challenge)).setParameter("userId", userId)
                .setParameter("expiresAt", expiresAt).executeUpdate();
    }

    /** Forgets every challenge of the user (a reset of their factors): no registration under way completes. */
    @Transactional(Transactional.TxType.MANDATORY)
    void removeAll(String userId) {
        entityManager.createNativeQuery("delete from passkey_challenge where user_id = :userId")
                .setParameter("userId", userId).executeUpdate();
    }

    /** Whether the challenge was the user's, and unexpired; it is spent either way. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Presented spend(String userId, byte[] challenge, Instant now) {
        List<?> current = entityManager.createNativeQuery("""
                delete from passkey_challenge where challenge_hash = :hash and user_id = :userId
                returning expires_at > cast(:now as timestamptz)""")
                .setParameter("hash", Sha256.of(challenge)).setParameter("userId", userId).setParameter("now", now)
                .getResultList();
        return current.isEmpty() ? Presented.UNKNOWN : current.contains(Boolean.TRUE) ? Presented.CURRENT
                : Presented.EXPIRED;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int sweep(Instant now) {
        return entityManager.createNativeQuery("delete from passkey_challenge where expires_at <= :now")
                .setParameter("now", now).executeUpdate();
    }
}
