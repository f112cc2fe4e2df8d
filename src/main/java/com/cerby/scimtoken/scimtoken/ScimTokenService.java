package com.cerby.scimtoken.scimtoken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

@ApplicationScoped
public class ScimTokenService {

    private final ScimTokenRepository tokens;
    private final Clock clock;

    ScimTokenService(ScimTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
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
}
