package com.cerby.scimtoken.oauth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OAuthClientRepository implements PanacheRepositoryBase<OAuthClient, UUID> {

    List<OAuthClient> listOf(String workspaceId) {
        return list("workspaceId = ?1 order by createdAt, id", workspaceId);
    }

    long countOf(String workspaceId) {
        return count("workspaceId", workspaceId);
    }

    /** The client only when it belongs to the workspace: another workspace's client is as good as unknown. */
    Optional<OAuthClient> findIn(String workspaceId, UUID clientId) {
        return find("id = ?1 and workspaceId = ?2", clientId, workspaceId).firstResultOptional();
    }
}
