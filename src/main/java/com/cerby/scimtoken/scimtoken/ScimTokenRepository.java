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
}
