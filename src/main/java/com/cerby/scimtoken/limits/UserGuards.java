package com.cerby.scimtoken.limits;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-user brakes against push bombing and code guessing: a push or email block after a report, and a lock of the
 * code methods after too many consecutive wrong codes (NIST SP 800-63B rate limiting). The counts live in
 * PostgreSQL so that every instance sees them, and each wrong code is counted in one statement, so that
 * concurrent guesses cannot slip past the limit.
 */
@ApplicationScoped
public class UserGuards {

    private final EntityManager entityManager;
    private final AuditLog audit;
    private final LockoutConfig config;

    UserGuards(EntityManager entityManager, AuditLog audit, LockoutConfig config) {
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

    /** Refuses an email verification while the user's report of an earlier one holds (429 with Retry-After). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireEmailAllowed(String userId, Instant now) {
        guard(userId).flatMap(guard -> guard.emailBlockedFor(now)).ifPresent(wait -> {
            throw new ProblemException(ProblemType.EMAIL_BLOCKED,
                    "A recent email verification was reported as suspicious; email is blocked for a while.", wait);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireCodesUnlocked(String userId, Instant now) {
        guard(userId).flatMap(guard -> guard.codesLockedFor(now)).ifPresent(wait -> {
            throw codesLocked(wait);
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void blockPush(String userId, Instant now) {
        block("push_blocked_until", userId, now.plus(config.pushBlock()));
    }

    /** Blocks the user's email verifications after a report; a later report never shortens a block. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void blockEmail(String userId, Instant now) {
        block("email_blocked_until", userId, now.plus(config.emailBlock()));
    }

    /** Sets one of the user's block columns (a name of this class's own, never input) to at least {@code until}. */
    private void block(String column, String userId, Instant until) {
        entityManager.createNativeQuery("""
                insert into user_guard (user_id, %1$s) values (:userId, :until)
                on conflict (user_id) do update set %1$s = greatest(user_guard.%1$s, excluded.%1$s)"""
                .formatted(column))
                .setParameter("userId", userId)
                .setParameter("until", until)
                .executeUpdate();
    }

    /**
     * Counts a wrong code against the user, in the caller's transaction, or refuses it with 429 when the code
     * methods are already locked: the check and the count are one statement, which PostgreSQL serialises per user.
     * The code that reaches the limit locks the methods (and is still answered as a wrong code); starting a new
     * verification does not reset the count, only a right code does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void codeFailed(String userId, String workspaceId, Instant now) {
        Instant until = now.plus(config.codeLockout());
        List<?> counted = entityManager.createNativeQuery("""
                insert into user_guard (user_id, failed_code_attempts, codes_locked_until)
                values (:userId, case when :limit <= 1 then 0 else 1 end,
                        case when :limit <= 1 then cast(:until as timestamptz) end)
                on conflict (user_id) do update set
                    failed_code_attempts = case when user_guard.failed_code_attempts + 1 >= :limit then 0
                                                else user_guard.failed_code_attempts + 1 end,
                    codes_locked_until = case when user_guard.failed_code_attempts + 1 >= :limit
                                              then cast(:until as timestamptz)
                                              else user_guard.codes_locked_until end
                where user_guard.codes_locked_until is null
                   or user_guard.codes_locked_until <= cast(:now as timestamptz)
                returning codes_locked_until > cast(:now as timestamptz)""")
                .setParameter("userId", userId)
                .setParameter("limit", config.userCodeFailures())
                .setParameter("until", until)
                .setParameter("now", now)
                .getResultList();
        if (counted.isEmpty()) {
            throw codesLocked(guard(userId).flatMap(guard -> guard.codesLockedFor(now)).orElse(config.codeLockout()));
        }
        if (Boolean.TRUE.equals(counted.get(0))) {
            audit.record(AuditEvent.of("user.codes_locked", workspaceId, userId)
                    .detail("failedAttempts", config.userCodeFailures()).detail("lockedUntil", until.toString()));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void codeSucceeded(String userId) {
        entityManager.createNativeQuery("update user_guard set failed_code_attempts = 0 where user_id = :userId")
                .setParameter("userId", userId)
                .executeUpdate();
    }

    private static ProblemException codesLocked(Duration wait) {
        return new ProblemException(ProblemType.TOO_MANY_ATTEMPTS,
                "Too many wrong codes; TOTP and email verification are locked for a while.", wait);
    }

    private Optional<UserGuard> guard(String userId) {
        return Optional.ofNullable(entityManager.find(UserGuard.class, userId));
    }
}
