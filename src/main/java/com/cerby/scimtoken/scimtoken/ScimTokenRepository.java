package com.cerby.scimtoken.scimtoken;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ScimTokenRepository implements PanacheRepositoryBase<ScimToken, UUID> {

    public Optional<ScimToken> findByStatus(String workspaceId, ScimTokenStatus status) {
        return find("workspaceId = ?1 and status = ?2", workspaceId, status).firstResultOptional();
    }

    /** Current tokens whose expiry comes before the given instant. */
    public java.util.List<ScimToken> listCurrentExpiringBefore(java.time.Instant before) {
        return list("status = ?1 and expiresAt < ?2", ScimTokenStatus.CURRENT, before);
    }

    /** The token with this lookup hash, whatever its state. */
    public Optional<ScimToken> findByLookupHash(byte[] lookupHash) {
        return find("lookupHash", (Object) lookupHash).firstResultOptional();
    }

    /** Whether the workspace ever had a token (revoked and rotated-out ones are kept). */
    boolean anyOf(String workspaceId) {
        return count("workspaceId", workspaceId) > 0;
    }

    /** The current and previous tokens of a workspace: the ones a change of the workspace's token touches. */
    java.util.List<ScimToken> listLive(String workspaceId) {
        return list("workspaceId = ?1 and status in ?2", workspaceId,
                java.util.List.of(ScimTokenStatus.CURRENT, ScimTokenStatus.PREVIOUS));
    }
}
