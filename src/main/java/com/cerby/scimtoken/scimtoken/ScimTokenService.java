package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.verification.VerificationAction;
import com.cerby.scimtoken.verification.VerificationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ScimTokenService {

    private final ScimTokenRepository tokens;
    private final SecretCipher cipher;
    private final VerificationService verifications;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final Caller caller;
    private final SecureRandom random;
    private final Clock clock;

    ScimTokenService(ScimTokenRepository tokens, SecretCipher cipher, VerificationService verifications,
            AdvisoryLocks locks, AuditLog audit, Caller caller, SecureRandom random, Clock clock) {
        this.tokens = tokens;
        this.cipher = cipher;
        this.verifications = verifications;
        this.locks = locks;
        this.audit = audit;
        this.caller = caller;
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
                .filter(token -> token.isActiveAt(now))
                .map(token -> new ScimTokenMetadata(true, token.id(), token.hint(), token.createdAt(),
                        token.createdBy(), token.lastUsedAt(), token.expiresAt(), previous))
                .orElse(ScimTokenMetadata.NONE);
    }

    /**
     * Spends an approved {@code reveal} verification and answers the workspace's token, creating it on the first
     * reveal. The workspace lock makes concurrent first reveals agree on one token.
     */
    @Transactional
    public RevealedToken reveal(String workspaceId, UUID verificationId) {
        verifications.useFor(workspaceId, verificationId, VerificationAction.REVEAL);
        locks.lock("scim-token:" + workspaceId);
        ScimToken current = tokens.findByStatus(workspaceId, ScimTokenStatus.CURRENT)
                .orElseGet(() -> create(workspaceId, verificationId));
        audit.record(AuditEvent.of("scim_token.revealed", workspaceId, caller.userId()).verification(verificationId)
                .token(current.id()));
        return new RevealedToken(cipher.open(current.sealed(), current.cipherContext()), current.id(),
                current.createdAt(), current.lastUsedAt(), current.expiresAt());
    }

    private ScimToken create(String workspaceId, UUID verificationId) {
        UUID id = UUID.randomUUID();
        String token = TokenFormat.generate(random);
        ScimToken created = ScimToken.issue(id, workspaceId, token, cipher.seal(token, ScimToken.cipherContext(workspaceId, id)),
                caller.userId(), clock.instant());
        tokens.persist(created);
        audit.record(AuditEvent.of("scim_token.created", workspaceId, caller.userId()).verification(verificationId)
                .token(id));
        return created;
    }
}
