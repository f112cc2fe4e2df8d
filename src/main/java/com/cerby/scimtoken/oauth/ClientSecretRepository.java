package com.cerby.scimtoken.oauth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ClientSecretRepository implements PanacheRepositoryBase<ClientSecret, UUID> {

    /** The secrets of these clients that still work at the instant, oldest first. */
    List<ClientSecret> listActive(Collection<UUID> clientIds, Instant now) {
        if (clientIds.isEmpty()) {
            return List.of();
        }
        return list("clientId in ?1 and (expiresAt is null or expiresAt > ?2) order by createdAt, id", clientIds,
                now);
    }

    Optional<ClientSecret> findOf(UUID clientId, UUID secretId) {
        return find("id = ?1 and clientId = ?2", secretId, clientId).firstResultOptional();
    }

    public Optional<ClientSecret> findByLookupHash(byte[] lookupHash) {
        return find("lookupHash", (Object) lookupHash).firstResultOptional();
    }
}
