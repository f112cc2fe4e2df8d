package com.cerby.scimtoken.oauth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FederatedCredentialRepository implements PanacheRepositoryBase<FederatedCredential, UUID> {

    /** The federated credentials of these clients, oldest first. */
    List<FederatedCredential> listOf(Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return List.of();
        }
        return list("clientId in ?1 order by createdAt, id", clientIds);
    }

    long countOf(UUID clientId) {
        return count("clientId", clientId);
    }

    boolean exists(UUID clientId, String issuer, String subject) {
        return count("clientId = ?1 and issuer = ?2 and subject = ?3", clientId, issuer, subject) > 0;
    }

    Optional<FederatedCredential> findOf(UUID clientId, UUID credentialId) {
        return find("id = ?1 and clientId = ?2", credentialId, clientId).firstResultOptional();
    }

    /** Every client's credential for this issuer and subject (a bounded few: the clients of one workload). */
    List<FederatedCredential> findByIssuerAndSubject(String issuer, String subject) {
        return find("issuer = ?1 and subject = ?2 order by createdAt, id", issuer, subject).page(0, 20).list();
    }
}
