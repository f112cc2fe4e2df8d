package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.verification.VerificationAction;
import com.cerby.scimtoken.verification.Grants;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScimTokenService {

    private final ScimTokenRepository tokens;
    private final SecretCipher cipher;
    private final Grants grants;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final TokenCache cache;
    private final Caller caller;
    private final TokenConfig config;
    private final MeterRegistry metrics;
    private final SecureRandom random;
    private final Clock clock;

    ScimTokenService(ScimTokenRepository tokens, SecretCipher cipher, Grants grants,
            AdvisoryLocks locks, AuditLog audit, TokenCache cache, Caller caller, TokenConfig config,
            MeterRegistry metrics, SecureRandom random, Clock clock) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.grants = grants;
        this.locks = locks;
        this.audit = audit;
        this.cache = cache;
        this.caller = caller;
        this.config = config;
        this.metrics = metrics;
        this.random = random;
        this.clock = clock;
    }

    /** The workspace's current token and the rotated-out one still in its grace period, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ScimTokenMetadata metadata(String workspaceId) {
        Instant now = clock.instant();
        ScimTokenMetadata.Previous previous = tokens.findByStatus(workspaceId, ScimTokenStatus.PREVIOUS)
                .filter(token -> token.isActiveAt(now))
                .map(token -> new ScimTokenMetadata.Previous(token.id(), token.hint(), token.expiresAt()))
                .orElse(null);
        return tokens.findByStatus(workspaceId, ScimTokenStatus.CURRENT)
                .map(token -> ScimTokenMetadata.of(token, now, previous))
                .orElseGet(() -> tokens.anyOf(workspaceId) ? ScimTokenMetadata.REVOKED : ScimTokenMetadata.NONE);
    }

    /**
     * Spends an approved {@code reveal} verification and answers the workspace's working token. Only a workspace that
     * never had a token gets one here: after a revocation (the owners' kill switch) or an expiry, issuing a new token
     * is an owner's rotation, never a side effect of a reveal. The workspace lock makes concurrent first reveals
     * agree on one token.
     */
    @Transactional
    public RevealedToken reveal(String workspaceId, UUID verificationId) {
        grants.spend(workspaceId, verificationId, VerificationAction.REVEAL);
        lockTokensOf(workspaceId);
        Instant now = clock.instant();
        ScimToken token = tokens.findByStatus(workspaceId, ScimTokenStatus.CURRENT)
                .map(current -> {
                    if (!current.isActiveAt(now)) {
                        throw revealRefused(workspaceId, verificationId, ProblemType.TOKEN_EXPIRED, "The token expired"
                                + " at " + current.expiresAt() + "; an owner must rotate it to issue a new one.");
                    }
                    return current;
                })
                .orElseGet(() -> {
                    if (tokens.anyOf(workspaceId)) {
                        throw revealRefused(workspaceId, verificationId, ProblemType.TOKEN_REVOKED,
                                "The token was revoked; an owner must rotate it to issue a new one.");
                    }
                    return create(workspaceId, verificationId, now);
                });
        audit.record(AuditEvent.of("scim_token.revealed", workspaceId, caller.userId()).verification(verificationId)
                .token(token.id()));
        metrics.counter("scim_token_reveals").increment();
        return new RevealedToken(cipher.open(token.sealed(), token.cipherContext()), token.id(), token.createdAt(),
                token.lastUsedAt(), token.expiresAt());
    }

    /** Audits a refused reveal (in its own transaction: the reveal's rolls back) and answers its problem. */
    private ProblemException revealRefused(String workspaceId, UUID verificationId, ProblemType problem,
            String detail) {
        audit.recordFailure(AuditEvent.of("scim_token.reveal_refused", workspaceId, caller.userId())
                .verification(verificationId).detail("code", problem.code()));
        return new ProblemException(problem, detail);
    }

    /**
     * Spends an approved {@code rotate} verification: a new current token, answered once, while the old one keeps
     * working for the grace period. Only one previous token exists at a time: an older one stops at once.
     */
    @Transactional
    public RotatedToken rotate(String workspaceId, UUID verificationId, Duration gracePeriod) {
        grants.spend(workspaceId, verificationId, VerificationAction.ROTATE);
        lockTokensOf(workspaceId);
        Instant now = clock.instant();
        tokens.findByStatus(workspaceId, ScimTokenStatus.PREVIOUS).ifPresent(older -> older.revoke(now));
        Optional<ScimToken> replaced = tokens.findByStatus(workspaceId, ScimTokenStatus.CURRENT);
        Instant previousExpiresAt = replaced.map(old -> {
            if (old.isActiveAt(now) && !gracePeriod.isZero()) {
                old.retire(now.plus(gracePeriod));
                return old.expiresAt();
            }
            old.revoke(now);
            return now;
        }).orElse(null);
        tokens.flush();
        ScimToken token = create(workspaceId, verificationId, now);
        audit.record(AuditEvent.of("scim_token.rotated", workspaceId, caller.userId()).verification(verificationId)
                .token(token.id()).detail("gracePeriodSeconds", gracePeriod.toSeconds())
                .detail("previousTokenId", replaced.map(old -> old.id().toString()).orElse(null)));
        cache.changed(workspaceId);
        metrics.counter("scim_token_rotations").increment();
        return new RotatedToken(cipher.open(token.sealed(), token.cipherContext()), token.id(), token.createdAt(),
                token.lastUsedAt(), token.expiresAt(), previousExpiresAt);
    }

    /** Spends an approved {@code revoke} verification: every token of the workspace stops working at once. */
    @Transactional
    public void revoke(String workspaceId, UUID verificationId) {
        grants.spend(workspaceId, verificationId, VerificationAction.REVOKE);
        lockTokensOf(workspaceId);
        Instant now = clock.instant();
        List<ScimToken> live = tokens.listLive(workspaceId);
        live.forEach(token -> token.revoke(now));
        audit.record(AuditEvent.of("scim_token.revoked", workspaceId, caller.userId()).verification(verificationId)
                .detail("revokedTokenIds", live.stream().map(token -> token.id().toString()).toList()));
        cache.changed(workspaceId);
        metrics.counter("scim_token_revocations").increment();
    }

    /**
     * The token with this value, if it is ours, read again under its workspace's lock: no rotation or revocation of
     * the workspace runs between this read and the caller's commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ScimToken> lockedByValue(String token) {
        Optional<ScimToken> found = tokens.findByLookupHash(TokenFormat.lookupHash(token));
        found.ifPresent(known -> {
            lockTokensOf(known.workspaceId());
            tokens.getEntityManager().refresh(known);
        });
        return found;
    }

    /** Revokes one token found in public (current or in its grace period) at once, on every instance. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeLeaked(ScimToken token) {
        token.revoke(clock.instant());
        cache.changed(token.workspaceId());
        metrics.counter("scim_token_revocations").increment();
    }

    /** Serialises the changes of a workspace's tokens until the transaction ends. */
    private void lockTokensOf(String workspaceId) {
        locks.lock("scim-token:" + workspaceId);
    }

    private ScimToken create(String workspaceId, UUID verificationId, Instant now) {
        UUID id = UUID.randomUUID();
        String token = TokenFormat.generate(random);
        ScimToken created = ScimToken.issue(id, workspaceId, token,
                cipher.seal(token, ScimToken.cipherContext(workspaceId, id)), caller.userId(), now,
                config.lifetime().map(now::plus).orElse(null));
        tokens.persist(created);
        audit.record(AuditEvent.of("scim_token.created", workspaceId, caller.userId()).verification(verificationId)
                .token(id));
        return created;
    }
}
