package com.cerby.scimtoken.scimtoken;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/** Reads what introspection needs of a token from the database, by its lookup hash (a blocking call). */
@ApplicationScoped
public class TokenLookup {

    private final EntityManager entityManager;

    TokenLookup(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Optional<TokenCache.Entry> find(byte[] lookupHash, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("from ScimToken where lookupHash = :hash", ScimToken.class)
                .setParameter("hash", lookupHash)
                .getResultStream()
                .findFirst()
                .map(token -> TokenCache.Entry.of(token, now)));
    }
}
