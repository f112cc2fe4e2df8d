package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<Verification, UUID> {

    /** The most pending verifications a phone is shown at once (openapi.yaml: DeviceVerificationList). */
    static final int MAX_LISTED_PENDING = 100;

    /** The verification, if the user started it; anyone else's is indistinguishable from none. */
    Optional<Verification> findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    /** The user's verification in the workspace; 404 otherwise (another user's or workspace's is not found). */
    Verification requireOwned(String workspaceId, UUID id, String userId) {
        return findOwned(id, userId)
                .filter(verification -> verification.workspaceId().equals(workspaceId))
                .orElseThrow(VerificationRepository::notFound);
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemType.VERIFICATION_NOT_FOUND, "You have no verification with this id.");
    }

    /** Writes a change of state; a concurrent change that won first (the version moved) is a 409. */
    void flushOrNotPending() {
        try {
            flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(ProblemType.VERIFICATION_NOT_PENDING,
                    "The verification was decided by another request.");
        }
    }

    /** When the user's pending, unexpired verifications expire, soonest first; at most {@code limit} of them. */
    List<Instant> pendingExpiries(String userId, Instant now, int limit) {
        return getEntityManager().createQuery("select expiresAt from Verification where userId = ?1 and status = ?2"
                + " and expiresAt > ?3 order by expiresAt", Instant.class)
                .setParameter(1, userId).setParameter(2, VerificationStatus.PENDING).setParameter(3, now)
                .setMaxResults(limit).getResultList();
    }

    /** When the user started push verifications since the given instant, newest first; at most {@code limit}. */
    List<Instant> latestPushStarts(String userId, Instant since, int limit) {
        return getEntityManager().createQuery("select createdAt from Verification where userId = ?1 and method = ?2"
                + " and createdAt > ?3 order by createdAt desc", Instant.class)
                .setParameter(1, userId).setParameter(2, VerificationMethod.PUSH).setParameter(3, since)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Spends one code attempt of a pending verification; the last one fails it. Answers the attempts left, or
     * empty when the verification was no longer pending.
     */
    java.util.Optional<Integer> spendAttempt(UUID id, Instant now) {
        List<?> remaining = getEntityManager().createNativeQuery("""
                update verification set
                    attempts_remaining = attempts_remaining - 1,
                    status = case when attempts_remaining = 1 then 'FAILED' else status end,
                    reason = case when attempts_remaining = 1 then 'TOO_MANY_ATTEMPTS' else reason end,
                    decided_at = case when attempts_remaining = 1 then :now else decided_at end,
                    version = version + 1
                where id = :id and status = 'PENDING' and attempts_remaining > 0 and expires_at > :now
                returning attempts_remaining""")
                .setParameter("id", id)
                .setParameter("now", now)
                .getResultList();
        return remaining.stream().findFirst().map(value -> ((Number) value).intValue());
    }

    /** Pending verifications whose time is up, locked for this sweep (other instances skip them). */
    List<Verification> lockOverdue(Instant now, int limit) {
        return find("status = ?1 and expiresAt <= ?2 order by expiresAt", VerificationStatus.PENDING, now)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, limit).list();
    }

    /** Push verifications waiting for the user's phone, oldest first; the listing is bounded whatever the settings. */
    List<Verification> listPendingPush(String userId, Instant now) {
        return find("userId = ?1 and status = ?2 and method = ?3 and expiresAt > ?4 order by createdAt, id", userId,
                VerificationStatus.PENDING, VerificationMethod.PUSH, now).range(0, MAX_LISTED_PENDING - 1).list();
    }
}
