package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-user brakes against push bombing and code guessing: a push block after a report, and a lock of the
 * code methods after too many consecutive wrong codes (NIST SP 800-63B rate limiting). The counts live in
 * PostgreSQL so that every instance sees them.
 */
@ApplicationScoped
public class UserGuards {

    private final EntityManager entityManager;
    private final AuditLog audit;
    private final VerificationConfig config;

    UserGuards(EntityManager entityManager, AuditLog audit, VerificationConfig config) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.config = config;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public void requirePushAllowed(String userId, Instant now) {
        guard(userId).flatMap(guard -> guard.pushBlockedFor(now)).ifPresent(wait -> {
            throw new ProblemException(ProblemType.PUSH_BLOCKED,
                    "A recent push verification was reported as suspicious; push is blocked for a while.", wait);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireCodesUnlocked(String userId, Instant now) {
        guard(userId).flatMap(guard -> guard.codesLockedFor(now)).ifPresent(wait -> {
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS,
                    "Too many wrong codes; TOTP and email verification are locked for a while.", wait);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void blockPush(String userId, Instant now) {
        entityManager.createNativeQuery("""
                insert into user_guard (user_id, push_blocked_until) values (:userId, :until)
                on conflict (user_id) do update
                set push_blocked_until = greatest(user_guard.push_blocked_until, excluded.push_blocked_until)""")
                .setParameter("userId", userId)
                .setParameter("until", now.plus(config.pushBlock()))
                .executeUpdate();
    }

    /**
     * Counts a wrong code against the user, in the caller's transaction. At the limit the code methods lock and
     * the count starts again; starting a new verification does not reset it, only a right code does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void codeFailed(String userId, String workspaceId, Instant now) {
        Number failures = (Number) entityManager.createNativeQuery("""
                insert into user_guard (user_id, failed_code_attempts) values (:userId, 1)
                on conflict (user_id) do update set failed_code_attempts = user_guard.failed_code_attempts + 1
                returning failed_code_attempts""")
                .setParameter("userId", userId)
                .getSingleResult();
        if (failures.intValue() >= config.userCodeFailures()) {
            Instant until = now.plus(config.codeLockout());
            entityManager.createNativeQuery("""
                    update user_guard set failed_code_attempts = 0, codes_locked_until = :until
                    where user_id = :userId""")
                    .setParameter("until", until)
                    .setParameter("userId", userId)
                    .executeUpdate();
            audit.record(AuditEvent.of("user.codes_locked", workspaceId, userId)
                    .detail("failedAttempts", failures.intValue()).detail("lockedUntil", until.toString()));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void codeSucceeded(String userId) {
        entityManager.createNativeQuery("update user_guard set failed_code_attempts = 0 where user_id = :userId")
                .setParameter("userId", userId)
                .executeUpdate();
    }

    private Optional<UserGuard> guard(String userId) {
        return Optional.ofNullable(entityManager.find(UserGuard.class, userId));
    }
}
